package dev.occlude.batch;

import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.AtomicFiles;
import dev.occlude.io.Labels;
import dev.occlude.io.PngFiles;
import dev.occlude.render.AtlasRenderer;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outcome;
import java.awt.Rectangle;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's network looks ({@code --atlas FILE.png}): the worst patches of all mapped images
 * and frames gathered on one frame-sized canvas, a panel per predicted class, one for the mistakes
 * and one for the labelled boxes; the numbers behind it, per 16-pixel cell, in FILE.csv. Images of
 * another size than the first are scaled onto its canvas (at most 480 pixels wide).
 *
 * <p>Only worst patches that matter are counted: those that lower their class by the triage's
 * focus threshold or more ({@link MistakeTriage.Rules#focused}); a frame whose worst patch moves
 * less is left out of its panels, and each panel says how many it counted and left out. Under the
 * densities lies the mean of the run's still images ({@link MeanImage}).
 */
public final class Atlas implements OutcomeSink {
    /** The side of a cell in the numbers' grid, in canvas pixels. */
    static final int CELL = 16;
    /** The numbers' header (also how the tool knows the file for its own). */
    static final String HEADER = "panel,x,y,width,height,frames,mean_share,max_share,left_out";
    private static final int MAX_WIDTH = 480;

    private final Path file;
    private final Optional<Labels> labels;
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final Map<String, Integer> frames = new LinkedHashMap<>();
    private final Map<String, Integer> leftOut = new LinkedHashMap<>();
    private final MistakeTriage.Rules rules;
    private MeanImage mean;
    private int mapped;
    private int width;
    private int height;

    /**
     * An atlas into {@code file} (PNG; its numbers beside it), with the labelled boxes of
     * {@code labels}, counting the worst patches that are a focus by {@code rules}.
     */
    public Atlas(Path file, Optional<Labels> labels, MistakeTriage.Rules rules) {
        this.file = file;
        this.labels = labels;
        this.rules = rules;
    }

    /** The atlas's numbers: FILE.csv beside FILE.png. */
    public static Path numbers(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".csv");
    }

    @Override
    public void accept(Outcome outcome) {
        if (outcome instanceof Mapped m) {
            MinPatch min = m.min();
            add(m.image(), m.frame() == null ? null : m.frame().time(), m.classification().width(),
                    m.classification().height(), m.classification().prediction().className(), min.rectangle(),
                    m.label() != null && m.label().mistake(),
                    drop(m.classification().prediction().probability(m.target().name()), min.probability()));
        }
    }

    /** How much a worst patch lowers its class, as the triage rounds it: clean minus worst, to 1e-6. */
    public static double drop(double clean, double worst) {
        return Math.round((clean - worst) * 1e6) / 1e6;
    }

    /**
     * One mapped image (or a video's frame at {@code time}, else null) of {@code w} x {@code h}
     * pixels: its predicted class, its worst patch, whether it is a mistake, how much its worst
     * patch lowers its class ({@link #drop}); its labelled boxes are looked up by its name.
     */
    public void add(String image, Double time, int w, int h, String predicted, Rectangle worst, boolean mistake,
                    double drop) {
        if (width == 0) {
            width = Math.min(MAX_WIDTH, w);
            height = Math.max(1, (int) Math.round(h * (double) width / w));
            mean = new MeanImage(width, height);
        }
        mapped++;
        if (time == null) {
            mean.add(image);
        }
        boolean focused = rules.focused(drop);
        add("PREDICTED " + predicted.toUpperCase(Locale.ROOT), worst, w, h, focused);
        if (mistake) {
            add("MISTAKES", worst, w, h, focused);
        }
        Path name = name(image);
        Labels.Entry entry = labels.map(l -> l.of(name).at(time)).orElse(null);
        if (entry != null) {
            for (Rectangle box : entry.boxes()) {
                add("LABELLED BOXES", box, w, h, true);
            }
        }
    }

    /** How the labels name an image: its path, or for a URI (a distributed job's file:/... or hdfs://...) its file name. */
    private static Path name(String image) {
        if (image.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*")) {
            try {
                return Path.of(new URI(image).getPath()).getFileName();
            } catch (URISyntaxException | RuntimeException e) {
                // a path with a colon in it: as it is, below
            }
        }
        return Path.of(image);
    }

    /** One rectangle of an image {@code w} x {@code h} onto the canvas, counted in {@code panel}, or left out of it. */
    private void add(String panel, Rectangle r, int w, int h, boolean counted) {
        int[] c = counts.computeIfAbsent(panel, p -> new int[width * height]);
        if (!counted) {
            leftOut.merge(panel, 1, Integer::sum);
            return;
        }
        frames.merge(panel, 1, Integer::sum);
        double sx = width / (double) w;
        double sy = height / (double) h;
        int x0 = Math.max(0, (int) Math.floor(r.x * sx));
        int y0 = Math.max(0, (int) Math.floor(r.y * sy));
        int x1 = Math.min(width, (int) Math.ceil((r.x + r.width) * sx));
        int y1 = Math.min(height, (int) Math.ceil((r.y + r.height) * sy));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                c[y * width + x]++;
            }
        }
    }

    /** The panels as they stand: each predicted class, then the mistakes, then the boxes. */
    List<AtlasRenderer.Panel> panels() {
        List<AtlasRenderer.Panel> panels = new ArrayList<>();
        counts.keySet().stream().filter(k -> k.startsWith("PREDICTED ")).sorted()
                .forEach(k -> panels.add(panel(k, "FRAMES")));
        if (counts.containsKey("MISTAKES")) {
            panels.add(panel("MISTAKES", "FRAMES"));
        }
        if (counts.containsKey("LABELLED BOXES")) {
            panels.add(panel("LABELLED BOXES", "BOXES"));
        }
        return panels;
    }

    private AtlasRenderer.Panel panel(String title, String unit) {
        return new AtlasRenderer.Panel(title, unit, counts.get(title), frames.getOrDefault(title, 0),
                leftOut.getOrDefault(title, 0));
    }

    @Override
    public int finish(Problems problems) {
        try {
            if (!write()) {
                problems.print("--atlas " + file + ": no image was mapped; no atlas written");
            }
            return 0;
        } catch (IOException e) {
            return problems.report(file + ": cannot write the atlas (" + e.getMessage() + ")");
        }
    }

    /** Writes the picture and its numbers; false (nothing written) when no image was mapped. */
    public boolean write() throws IOException {
        if (counts.isEmpty()) {
            return false;
        }
        List<AtlasRenderer.Panel> panels = panels();
        AtlasRenderer.Sketch under = new AtlasRenderer.Sketch(mean.mean(), mean.images(), mapped);
        AtomicFiles.write(file, out -> PngFiles.writeMarked(AtlasRenderer.render(panels, width, height, under,
                rules.focusThreshold()), out));
        AtomicFiles.write(numbers(file), out -> out.write(csv(panels).getBytes(StandardCharsets.UTF_8)));
        return true;
    }

    /**
     * Per panel and 16-pixel cell: the share of the panel's counted frames covering it, mean and
     * largest (0 when it counted none), and how many frames it left out.
     */
    String csv(List<AtlasRenderer.Panel> panels) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (AtlasRenderer.Panel p : panels) {
            String name = p.title().toLowerCase(Locale.ROOT);
            for (int cy = 0; cy < height; cy += CELL) {
                for (int cx = 0; cx < width; cx += CELL) {
                    int cw = Math.min(CELL, width - cx);
                    int ch = Math.min(CELL, height - cy);
                    long sum = 0;
                    int most = 0;
                    for (int y = cy; y < cy + ch; y++) {
                        for (int x = cx; x < cx + cw; x++) {
                            sum += p.counts()[y * width + x];
                            most = Math.max(most, p.counts()[y * width + x]);
                        }
                    }
                    double n = Math.max(1, p.frames());
                    sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.6f,%.6f,%d%n", name, cx, cy, cw, ch,
                            p.frames(), sum / (double) (cw * ch) / n, most / n, p.leftOut()));
                }
            }
        }
        return sb.toString();
    }
}
