package dev.occlude.report;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Npy;
import dev.occlude.io.PngFiles;
import dev.occlude.occlusion.MapKind;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The report's small pictures, gathered while the cards are made and then rendered on every core:
 * an image's thumbnail is rendered at its size (the source and the map scaled down, the colour laid
 * on as on the overlay, the worst patch outlined; no bar or caption to shrink into noise), a
 * video's is its timeline scaled down.
 */
final class Thumbnails {
    static final int WIDTH = 240;

    /** One thumbnail to render and write: its picture, from {@code source}, into {@code file}. */
    private record Job(Path file, Path source, Picture picture) {}

    /** Makes a thumbnail's picture. */
    @FunctionalInterface
    private interface Picture {
        BufferedImage make() throws IOException;
    }

    private final List<Job> jobs = new ArrayList<>();

    /** An image's thumbnail into {@code file}: from its source and map (found with {@code links}), else its overlay. */
    void image(Mapped line, Path overlay, Links links, Path file) {
        jobs.add(new Job(file, overlay, () -> thumbnail(line, overlay, links)));
    }

    /** A video's thumbnail into {@code file}: its timeline scaled down. */
    void video(Path timeline, Path file) {
        jobs.add(new Job(file, timeline, () -> scaled(read(timeline), WIDTH)));
    }

    /**
     * Renders and writes every thumbnail gathered, on every core. A picture that cannot be read
     * (missing, empty, cut short, not a PNG) gets a grey placeholder that says so, and one line
     * in the returned problems; the report is written all the same.
     */
    List<String> writeAll() throws IOException {
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            jobs.parallelStream().forEach(j -> {
                try {
                    if (!dev.occlude.io.OwnFiles.absentOrOwn(j.file())) {
                        problems.add(j.file() + ": exists and is not a thumbnail this tool wrote; kept, and the card "
                                + "shows it");
                        return;
                    }
                    BufferedImage picture;
                    try {
                        picture = j.picture().make();
                    } catch (IOException | RuntimeException e) {
                        problems.add(j.source() + ": cannot be read for the report's thumbnail ("
                                + dev.occlude.util.Text.oneLine(e) + "); a placeholder is shown");
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
    private static BufferedImage placeholder() {
        BufferedImage p = new BufferedImage(WIDTH, WIDTH * 9 / 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = p.createGraphics();
        g.setColor(new java.awt.Color(96, 96, 96));
        g.fillRect(0, 0, p.getWidth(), p.getHeight());
        g.setColor(new java.awt.Color(160, 160, 160));
        g.drawLine(0, 0, p.getWidth(), p.getHeight());
        g.drawLine(0, p.getHeight(), p.getWidth(), 0);
        g.dispose();
        return p;
    }

    private static void write(Path file, BufferedImage picture) throws IOException {
        AtomicFiles.write(file, out -> PngFiles.writeMarked(picture, out));
    }

    /** From the source and the map when both can be read at the same size; else the overlay scaled down. */
    private static BufferedImage thumbnail(Mapped line, Path overlay, Links links) throws IOException {
        Path source = links.resolve(line.image());
        Path mapFile = line.outputs().map() == null ? null : links.resolve(line.outputs().map());
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

    private static BufferedImage smallPicture(Mapped line, BufferedImage image, Npy.Array2D map) {
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
        List<OverlayRenderer.Mark> marks = List.of(new OverlayRenderer.Mark(new Rectangle(m.x() * w / image.getWidth(),
                m.y() * h / image.getHeight(), Math.max(2, m.width() * w / image.getWidth()),
                Math.max(2, m.height() * h / image.getHeight())), null));
        return new OverlayRenderer().picture(scaled(image, w), small, marks, legend);
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
