package dev.occlude.report;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.JpegFiles;
import dev.occlude.io.Npy;
import dev.occlude.io.OwnFiles;
import dev.occlude.occlusion.MapKind;
import dev.occlude.render.ColourScale;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import dev.occlude.render.TimelineRenderer;
import dev.occlude.render.TimelineThumbnail;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Scale;
import dev.occlude.util.Text;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The report's small pictures, gathered while the cards are made and then rendered on every core,
 * written as marked JPEGs (about 8 KB each: ten thousand images make under 100 MB). An image's
 * thumbnail is rendered at its size in the run's look, colour map, opacity and scale (the source
 * and the map scaled down, the colour laid on as on the overlay, the worst patch outlined where it
 * lowers the class; no bar or caption to shrink into noise). A video's is drawn for its size: each
 * class's probability over the sampled frames and the band of predictions, without text (the
 * card names the colours).
 */
final class Thumbnails {
    static final int WIDTH = 240;
    private static final float QUALITY = 0.85f;

    /** One thumbnail to render and write: its picture, from {@code source}, into {@code file}. */
    private record Job(Path file, Path source, Picture picture) {}

    /** Makes a thumbnail's picture. */
    @FunctionalInterface
    private interface Picture {
        BufferedImage make() throws IOException;
    }

    private final List<Job> jobs = new ArrayList<>();
    private final OverlayStyle style;

    /** Thumbnails drawn in {@code style}. */
    Thumbnails(OverlayStyle style) {
        this.style = style;
    }

    /** An image's thumbnail into {@code file}: from its source and map (found with {@code links}), else its overlay. */
    void image(Mapped line, Path overlay, Links links, Path file) {
        jobs.add(new Job(file, overlay, () -> thumbnail(line, overlay, links)));
    }

    /** A video's thumbnail into {@code file}: its frames' probabilities and predictions, drawn small. */
    void video(List<Mapped> frames, Path file) {
        List<TimelineRenderer.Point> points = TimelinePoints.of(frames);
        int classes = frames.get(0).classification().prediction().classes().size();
        double end = points.get(points.size() - 1).time() + TimelineRenderer.interval(points);
        jobs.add(new Job(file, Path.of(frames.get(0).image()),
                () -> TimelineThumbnail.render(points, classes, end, WIDTH, WIDTH * 9 / 16)));
    }

    /**
     * Renders and writes every thumbnail gathered, on every core. A picture that cannot be read
     * (missing, empty, cut short, not a PNG) gets a grey placeholder that says so, and one line
     * in the returned problems; the report is written all the same.
     */
    List<String> writeAll() throws IOException {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        try {
            jobs.parallelStream().forEach(j -> {
                try {
                    if (!OwnFiles.absentOrOwn(j.file())) {
                        problems.add(j.file() + ": exists and is not a thumbnail this tool wrote; kept, and the card "
                                + "shows it");
                        return;
                    }
                    BufferedImage picture;
                    try {
                        picture = j.picture().make();
                    } catch (IOException | RuntimeException e) {
                        problems.add(j.source() + ": cannot be read for the report's thumbnail ("
                                + Text.oneLine(e) + "); a placeholder is shown");
                        picture = placeholder();
                    }
                    write(j.file(), picture);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return List.copyOf(problems);
    }

    /** A picture from a file, or an IOException saying why there is none. */
    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a picture ImageIO can read");
        }
        return image;
    }

    /** Grey, with a cross: the card's picture could not be read. */
    static BufferedImage placeholder() {
        BufferedImage p = new BufferedImage(WIDTH, WIDTH * 9 / 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = p.createGraphics();
        g.setColor(new Color(96, 96, 96));
        g.fillRect(0, 0, p.getWidth(), p.getHeight());
        g.setColor(new Color(160, 160, 160));
        g.drawLine(0, 0, p.getWidth(), p.getHeight());
        g.drawLine(0, p.getHeight(), p.getWidth(), 0);
        g.dispose();
        return p;
    }

    private static void write(Path file, BufferedImage picture) throws IOException {
        AtomicFiles.write(file, out -> JpegFiles.writeMarked(picture, QUALITY, out));
    }

    /** From the source and the map when both can be read at the same size; else the overlay scaled down. */
    private BufferedImage thumbnail(Mapped line, Path overlay, Links links) throws IOException {
        Path source = links.resolve(line.image());
        Path mapFile = line.outputs().map() == null ? null : links.resolveOwn(line.outputs().map());
        if (source != null && mapFile != null) {
            try {
                BufferedImage image = new ImageLoader().load(source); // upright, as it was mapped
                Npy.Array2D map = Npy.read(mapFile);
                if (map.rows() == image.getHeight() && map.cols() == image.getWidth()) {
                    return smallPicture(line, image, map);
                }
            } catch (ImageLoadException | IOException | RuntimeException e) {
                // the overlay, scaled down, below
            }
        }
        return scaled(read(overlay), WIDTH);
    }

    private BufferedImage smallPicture(Mapped line, BufferedImage image, Npy.Array2D map) {
        int w = Math.min(WIDTH, image.getWidth());
        int h = Math.max(1, image.getHeight() * w / image.getWidth());
        float[] small = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                small[y * w + x] = map.data()[(y * map.rows() / h) * map.cols() + x * map.cols() / w];
            }
        }
        boolean drop = line.map() == MapKind.DROP;
        Legend legend = new Legend(drop, line.cleanProbability(), List.of(),
                drop ? line.cleanProbability() - line.min().probability() : line.min().probability());
        MinPatch m = line.min();
        // the worst patch where hiding it lowers the class, as the overlay draws it
        List<OverlayRenderer.Mark> marks = !(line.cleanProbability() > m.probability()
                && OverlayRenderer.visible(line.cleanProbability() - m.probability()))
                ? List.of() : List.of(new OverlayRenderer.Mark(new Rectangle(m.x() * w / image.getWidth(),
                m.y() * h / image.getHeight(), Math.max(2, m.width() * w / image.getWidth()),
                Math.max(2, m.height() * h / image.getHeight())), null));
        OverlayRenderer renderer = style.renderer();
        if (line.scale() != null && style.scale().isEmpty()) {
            Scale s = line.scale(); // the scale the overlay used, full colour where it was
            renderer.scale(new ColourScale.Fit(s.low(), s.high(), s.saturation() == null ? Double.NaN : s.saturation(),
                    s.clipped() == null ? 0 : s.clipped()));
        }
        return renderer.picture(scaled(image, w), small, marks, legend);
    }

    /** The picture scaled to {@code width} (bilinear), or itself when it is no wider. */
    static BufferedImage scaled(BufferedImage image, int width) {
        if (image.getWidth() <= width) {
            return image;
        }
        int h = Math.max(1, image.getHeight() * width / image.getWidth());
        BufferedImage small = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, h, null);
        g.dispose();
        return small;
    }
}
