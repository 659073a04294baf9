package dev.occlude.video;

import dev.occlude.TestData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/** Short videos made from the shipped Nexar frames, for tests. */
public final class Clips {
    private Clips() {}

    /**
     * A 3 s clip at 4 frames a second (12 frames, 454x256): frames 0-3 the red light at night,
     * 4-7 the two green lights, 8-11 the parking signs.
     */
    public static Path drive(Path dir) throws IOException {
        Path out = dir.resolve("drive.mp4");
        List<BufferedImage> stills = new ArrayList<>();
        for (String name : List.of("night-red.png", "green-two-lights.png", "night-parking-signs.png")) {
            stills.add(ImageIO.read(TestData.nexarFrame(name).toFile()));
        }
        ClipMaker.stills(out, stills, 4, 12, 4);
        return out;
    }

    /** The first {@code bytes} bytes of a video, as a copy cut short. */
    public static Path cut(Path video, Path out, int bytes) throws IOException {
        Files.write(out, Arrays.copyOf(Files.readAllBytes(video), bytes));
        return out;
    }
}
