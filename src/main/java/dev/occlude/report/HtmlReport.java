package dev.occlude.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.occlude.io.AtomicFiles;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.render.FlipRenderer;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Box;
import dev.occlude.result.ClassResult;
import dev.occlude.result.Classified;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.PassResult;
import dev.occlude.result.Prediction;
import dev.occlude.result.SizeResult;
import dev.occlude.util.Text;
import dev.occlude.video.VideoFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTML page for a run, built from its outcomes: a small thumbnail per image ({@link Thumbnails}),
 * every map the image has (main, each pass with its probability, each class, each patch size, the
 * mean of sizes) one click away in a viewer, predictions, labels and mistakes, sorting, filters,
 * search by name, a clickable confusion matrix, and pages of cards with lazily loaded pictures so
 * that ten thousand images open at once. Overlays are linked where they lie, or copied into the
 * report's folder with {@code copy} ({@link Links}); the data ({@link ReportPage}) and the script
 * are inline, so the page works from file:// and any static server. A video's frames make one
 * card: its timeline, its annotated video, its frames' overlays in the viewer.
 */
public final class HtmlReport {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    private final Path dir;
    private final boolean copy;
    private final OverlayStyle style;
    private Path atlas;
    private List<String> problems = List.of();

    /** A report in {@code dir} that links the overlays in place. */
    public HtmlReport(Path dir) {
        this(dir, false);
    }

    /** A report in {@code dir}; {@code copy}: the overlays copied into it, so the folder travels alone. */
    public HtmlReport(Path dir, boolean copy) {
        this(dir, copy, OverlayStyle.of(OverlayRenderer.Look.FOCUS, null, null, Optional.empty()));
    }

    /** As above, its thumbnails drawn in {@code style} (the run's look, colour map, opacity and scale). */
    public HtmlReport(Path dir, boolean copy, OverlayStyle style) {
        this.dir = dir;
        this.copy = copy;
        this.style = style;
    }

    /**
     * Writes DIR/index.html and DIR/images/ (thumbnails, and copies when asked). Output paths in
     * the lines are read as given when they exist, else relative to {@code base} (the folder of a
     * results file; null: none).
     *
     * @return the page
     */
    public Path write(List<Outcome> lines, Path base) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Cards cards = new Cards(new Links(dir, copy, base), new Thumbnails(style));
        Map<String, List<Outcome>> videos = framesByVideo(lines);
        for (Outcome line : lines) {
            if (line instanceof Failed f) {
                cards.errors.add(new ReportPage.Error(f.image(), f.error()));
            } else if (line.frame() == null) {
                cards.image(line);
            } else {
                List<Outcome> frames = videos.remove(line.image());
                if (frames != null) { // the video's first frame: one card for all of them
                    cards.video(frames);
                }
            }
        }
        problems = new ArrayList<>(cards.thumbnails.writeAll());
        String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        List<String> colours = new ArrayList<>();
        for (int c = 0; c < cards.classes.size(); c++) {
            colours.add(String.format(Locale.ROOT, "#%06x", FlipRenderer.colour(c)));
        }
        String atlasLink = atlas != null && Files.isRegularFile(atlas) ? cards.links.link(atlas, "atlas.png") : null;
        // overlays and pictures shown as placeholders: one line per file, the thumbnail's if it said so already
        cards.links.problems().forEach((file, line) -> {
            if (problems.stream().noneMatch(p -> p.startsWith(file + ": "))) {
                problems.add(line);
            }
        });
        ReportPage page = new ReportPage(CardFacts.settings(lines, style, date), List.copyOf(cards.classes),
                cards.labelled, cards.images, cards.errors, colours, atlasLink);
        // inside <script>, "</" would end the element: JSON allows escaping the slash
        String json = GSON.toJson(page).replace("</", "<\\/");
        String html = template().replace("/*DATA*/", json);
        Path index = dir.resolve("index.html");
        AtomicFiles.write(index, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return index;
    }

    /** The same report showing the run's atlas ({@code --atlas FILE.png}), written before the report is. */
    public HtmlReport atlas(Path file) {
        this.atlas = file;
        return this;
    }

    /** What the last {@link #write} could not show (a picture that cannot be read), one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The mapped and classified frames of each video, by video, in the order the lines give them. */
    private static Map<String, List<Outcome>> framesByVideo(List<Outcome> lines) {
        Map<String, List<Outcome>> videos = new LinkedHashMap<>();
        for (Outcome line : lines) {
            if (line.frame() != null && !line.failed()) {
                videos.computeIfAbsent(line.image(), k -> new ArrayList<>()).add(line);
            }
        }
        return videos;
    }

    /** The cards of one report as they are made, with the thumbnails they need. */
    private static final class Cards {
        private final Links links;
        private final Thumbnails thumbnails;
        /** Thumbnails already asked for, by overlay: cards that share an overlay share its thumbnail. */
        private final Map<Path, String> thumbs = new HashMap<>();
        private final List<ReportPage.Card> images = new ArrayList<>();
        private final List<ReportPage.Error> errors = new ArrayList<>();
        private final Set<String> classes = new LinkedHashSet<>();
        private boolean labelled;

        Cards(Links links, Thumbnails thumbnails) {
            this.links = links;
            this.thumbnails = thumbnails;
        }

        /** A card's number in the report's file names, and what every card adds to the page's lists. */
        private String stem(Outcome line) {
            classes.addAll(line.classification().prediction().classes());
            labelled |= line.label() != null;
            return String.format(Locale.ROOT, "%05d-%s", images.size() + 1,
                    Text.safeFileName(Path.of(line.image()).getFileName().toString()));
        }

        void image(Outcome line) throws IOException {
            String stem = stem(line);
            ReportPage.Card card = CardFacts.card(line).withOriginal(links.linkInput(line.image(),
                    stem + ".original" + extension(line.image())));
            Path overlay = line instanceof Mapped m && m.outputs() != null ? links.resolveOwn(m.outputs().overlay()) : null;
            if (overlay != null) {
                Mapped m = (Mapped) line;
                List<ReportPage.MapLink> maps = maps(m, stem);
                String thumb = thumbs.get(overlay.toAbsolutePath().normalize());
                if (thumb == null) {
                    Path file = links.thumbnailFile(stem);
                    thumbnails.image(m, overlay, links, file);
                    thumb = "images/" + file.getFileName();
                    thumbs.put(overlay.toAbsolutePath().normalize(), thumb);
                }
                // the class-change picture and the per-patch table travel with the report too
                card = card.withLinks(thumb, maps.get(0).href(), maps,
                        links.linkIfThere(m.outputs().flips(), stem + ".flip.png"),
                        links.linkIfThere(m.outputs().table(), stem + ".patches.csv"));
            }
            images.add(card);
        }

        /**
         * A video's card: the drive's predicted classes counted over its frames (and, with labels,
         * its true classes and mistaken frames), what its most fragile frame (the lowest
         * probability with a patch hidden) says, the timeline as its picture, the annotated video
         * linked, every frame's overlay (when the frames' files were kept) in the viewer after the
         * timeline.
         */
        void video(List<Outcome> frames) throws IOException {
            Outcome worst = frames.stream().filter(Mapped.class::isInstance)
                    .min(Comparator.comparingDouble(f -> ((Mapped) f).min().probability())).orElse(frames.get(0));
            frames.forEach(f -> labelled |= f.label() != null);
            String stem = stem(worst);
            Outputs own = worst instanceof Mapped m ? m.outputs() : null;
            String video = own == null ? null : links.linkIfThere(own.video(), stem + ".occlusion.mp4");
            ReportPage.Card card = CardFacts.card(worst).withVideo(new ReportPage.VideoInfo(frames.size(), worst.frame().time(),
                    frames.stream().filter(f -> f.label() != null && f.label().mistake()).count(), video,
                    CardFacts.tally(frames.stream().map(f -> f.classification().prediction().className()).toList()),
                    CardFacts.tally(frames.stream().filter(f -> f.label() != null).map(f -> f.label().label()).toList()),
                    frames.stream().filter(f -> f.label() != null).count()));
            Path timeline = own == null ? null : links.resolveOwn(own.timeline());
            List<ReportPage.MapLink> maps = new ArrayList<>();
            String thumb = null;
            if (timeline != null) {
                maps.add(new ReportPage.MapLink("timeline", links.link(timeline, stem + ".timeline.png")));
            }
            List<Mapped> mappedFrames = frames.stream().filter(Mapped.class::isInstance).map(Mapped.class::cast).toList();
            if (!mappedFrames.isEmpty()) {
                Path file = links.thumbnailFile(stem);
                thumbnails.video(mappedFrames, file);
                thumb = "images/" + file.getFileName();
            }
            for (Outcome o : frames) {
                if (o instanceof Mapped f && f.outputs() != null && f.outputs().overlay() != null) {
                    add(maps, String.format(Locale.ROOT, "%.3f s: %s, worst patch p %.4f", f.frame().time(),
                            f.classification().prediction().className(), f.min().probability()),
                            f.outputs(), stem + "." + VideoFrame.stamp(f.frame().time()) + ".png");
                }
            }
            images.add(card.withLinks(thumb, timeline == null ? null : maps.get(0).href(), maps.isEmpty() ? null : maps,
                    null, null));
        }

        /** Every map of the line, each with its name and link: main, passes (with probabilities), classes, sizes, mean. */
        private List<ReportPage.MapLink> maps(Mapped line, String stem) throws IOException {
            List<ReportPage.MapLink> maps = new ArrayList<>();
            add(maps, "main: " + line.target().name(), line.outputs(), stem + ".png");
            for (PassResult p : line.passes()) {
                if (p.pass() > 1) {
                    add(maps, String.format(Locale.ROOT, "pass %d (p %.4f with earlier patches hidden)", p.pass(),
                            p.probability()), p.outputs(), stem + ".pass" + p.pass() + ".png");
                }
            }
            for (ClassResult c : line.classes()) {
                add(maps, "class " + c.className(), c.outputs(), stem + "." + Text.safeFileName(c.className()) + ".png");
            }
            for (SizeResult z : line.sizes()) {
                add(maps, "patch " + z.patch() + " stride " + z.stride(), z.outputs(), stem + ".p" + z.patch() + ".png");
            }
            if (line.combined() != null) {
                add(maps, "mean of patch sizes", line.combined(), stem + ".combined.png");
            }
            return maps;
        }

        private void add(List<ReportPage.MapLink> maps, String name, Outputs outputs, String copyName)
                throws IOException {
            String href = outputs == null ? null : links.linkIfThere(outputs.overlay(), copyName);
            if (href != null) {
                maps.add(new ReportPage.MapLink(name, href));
            }
        }
    }

    /** A file name's extension with its dot (".jpg"), or "" when it has none. */
    private static String extension(String name) {
        String file = Path.of(name).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(dot).toLowerCase(Locale.ROOT) : "";
    }

    private static String template() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/index.html")) {
            if (in == null) {
                throw new IOException("the report template is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
