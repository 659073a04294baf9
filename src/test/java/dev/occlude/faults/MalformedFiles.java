package dev.occlude.faults;

import dev.occlude.io.FormatFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a deterministic folder of malformed and fuzzed image files: truncations, flipped bytes,
 * random bytes, empty files, bare headers, absurd dimensions, text under image names, a folder
 * named like an image, a dangling link. The same seed gives the same files.
 */
public final class MalformedFiles {
    private MalformedFiles() {}

    /** Writes about {@code count} files into {@code dir}; returns their paths. */
    public static List<Path> generate(Path dir, long seed, int count, List<Path> seeds) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(dir);
        List<byte[]> bases = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        for (Path p : seeds) {
            bases.add(Files.readAllBytes(p));
            String name = p.getFileName().toString();
            extensions.add(name.substring(name.lastIndexOf('.')));
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; files.size() < count; i++) {
            int k = rnd.nextInt(bases.size());
            byte[] base = bases.get(k);
            String ext = extensions.get(k);
            byte[] data;
            String kind;
            switch (i % 9) {
                case 0 -> {
                    kind = "truncated";
                    data = java.util.Arrays.copyOf(base, 1 + rnd.nextInt(base.length - 1));
                }
                case 1, 2 -> {
                    kind = "flipped";
                    data = base.clone();
                    for (int f = 1 + rnd.nextInt(40); f > 0; f--) {
                        data[rnd.nextInt(data.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                }
                case 3 -> {
                    kind = "random";
                    data = new byte[rnd.nextInt(4096)];
                    rnd.nextBytes(data);
                }
                case 4 -> {
                    kind = "header";
                    data = java.util.Arrays.copyOf(base, Math.min(base.length, 8 + rnd.nextInt(120)));
                }
                case 5 -> {
                    kind = "huge";
                    data = hugeDimensions(base);
                }
                case 6 -> {
                    kind = "text";
                    data = ("just text, line " + i + "\n").repeat(1 + rnd.nextInt(20)).getBytes(StandardCharsets.UTF_8);
                }
                case 7 -> {
                    kind = "empty";
                    data = new byte[0];
                }
                default -> {
                    kind = "spliced";
                    byte[] other = bases.get(rnd.nextInt(bases.size()));
                    int cut = rnd.nextInt(base.length);
                    data = new byte[cut + other.length - Math.min(cut, other.length - 1)];
                    System.arraycopy(base, 0, data, 0, cut);
                    System.arraycopy(other, Math.min(cut, other.length - 1), data, cut, data.length - cut);
                }
            }
            Path file = dir.resolve(String.format("%04d-%s%s", i, kind, ext));
            Files.write(file, data);
            files.add(file);
        }
        Path folder = Files.createDirectories(dir.resolve("zz-folder.png"));
        files.add(folder);
        Path dangling = dir.resolve("zz-dangling.jpg");
        Files.createSymbolicLink(dangling, dir.resolve("no-such-target.jpg"));
        files.add(dangling);
        return files;
    }

    /** The image with its header's width and height set to 60000 (PNG IHDR; JPEG SOF0/SOF2), CRCs left stale. */
    private static byte[] hugeDimensions(byte[] base) {
        byte[] data = base.clone();
        if (data.length > 24 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            for (int at : new int[] {16, 20}) {
                data[at] = 0;
                data[at + 1] = 0;
                data[at + 2] = (byte) 0xea;
                data[at + 3] = 0x60;
            }
            return data;
        }
        for (int i = 2; i + 9 < data.length; i++) {
            if ((data[i] & 0xff) == 0xff && ((data[i + 1] & 0xff) == 0xc0 || (data[i + 1] & 0xff) == 0xc2)) {
                data[i + 5] = (byte) 0xea;
                data[i + 6] = 0x60;
                data[i + 7] = (byte) 0xea;
                data[i + 8] = 0x60;
                break;
            }
        }
        return data;
    }

    /** Seed files of several formats, written into {@code dir}. */
    public static List<Path> seeds(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> seeds = new ArrayList<>();
        for (String name : FormatFixtures.write(dir).keySet()) {
            seeds.add(dir.resolve(name));
        }
        return seeds;
    }
}
