package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver lists, through Hadoop's local file system: the names the CLI would give. */
@Tag("spark")
class InputListingTest {
    @TempDir
    Path tmp;

    private List<InputListing.Item> list(String input, boolean recursive) throws Exception {
        return new InputListing(new Configuration(), recursive).list(input);
    }

    private static List<String> stems(List<InputListing.Item> items) {
        return items.stream().map(InputListing.Item::stem).toList();
    }

    @Test
    void aFolderSortedWithSubPathsAndSharedNamesKeepingTheirExtension() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("frames"));
        Files.write(dir.resolve("b.jpg"), new byte[] {1});
        Files.write(dir.resolve("a.png"), new byte[] {1});
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        Files.write(dir.resolve("_SUCCESS"), new byte[0]);
        Files.write(Files.createDirectories(dir.resolve("cam2")).resolve("b.jpg"), new byte[] {1});
        Files.createDirectories(dir.resolve("x.jpg"));

        List<InputListing.Item> flat = list(dir.toString(), false);
        assertEquals(List.of("a.jpg", "a.png", "b", "x"), stems(flat));
        assertTrue(flat.get(0).path().startsWith("file:/"), flat.get(0).path());
        assertEquals(dir.resolve("x.jpg") + ": is a directory, not an image",
                flat.get(3).problem().replace("file:", ""));
        // recursing, the folder named x.jpg is entered like any other (and holds nothing)
        assertEquals(List.of("a.jpg", "a.png", "b", "cam2/b"), stems(list(dir.toString(), true)));
    }

    @Test
    void aGlobAndAListOfPathsRelativeToTheList() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("drive"));
        for (String n : List.of("cam1-001.jpg", "cam1-002.jpg", "cam2-001.jpg")) {
            Files.write(dir.resolve(n), new byte[] {1});
        }
        assertEquals(List.of("cam1-001", "cam1-002"), stems(list(dir + "/cam1-*.jpg", false)));
        assertThrows(IllegalArgumentException.class, () -> list(dir + "/cam9-*.jpg", false));

        Path listFile = tmp.resolve("todo.txt");
        Files.writeString(listFile, "drive/cam2-001.jpg\n\n" + dir.resolve("cam1-001.jpg") + "\r\ndrive/gone.jpg\n");
        List<InputListing.Item> items = list(listFile.toString(), false);
        assertEquals(List.of("cam2-001", "cam1-001", "gone"), stems(items));
        assertTrue(items.get(0).named() && items.get(1).problem() == null, items.toString());
        assertEquals("drive/gone.jpg: no such file", items.get(2).problem());
    }

    @Test
    void nothingToListIsAUsageError() throws Exception {
        var missing = assertThrows(IllegalArgumentException.class, () -> list(tmp.resolve("no").toString(), false));
        assertEquals(tmp.resolve("no") + ": no such file or directory", missing.getMessage());
        Files.createDirectories(tmp.resolve("empty"));
        var empty = assertThrows(IllegalArgumentException.class, () -> list(tmp.resolve("empty").toString(), false));
        assertTrue(empty.getMessage().endsWith("a directory with no files in it (sub-directories need --recursive)"));
        Files.writeString(tmp.resolve("blank.txt"), "\n\n");
        assertThrows(IllegalArgumentException.class, () -> list(tmp.resolve("blank.txt").toString(), false));
    }

    /** The files the command line's listing takes from the same folder, as real paths, with its problems. */
    private static List<String> cliListing(Path dir) {
        var inputs = new dev.occlude.batch.InputCollector(true, false, java.io.InputStream.nullInputStream(), "-r")
                .collect(List.of(dir.toString())).listed();
        return inputs.stream().map(i -> i.problem() != null ? i.problem() : real(i.path())).sorted().toList();
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLinkBackToAFolderAboveIsFollowedOnceAsTheCommandLineDoes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hf"));
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        Files.write(Files.createDirectories(dir.resolve("sub")).resolve("b.jpg"), new byte[] {1});
        Files.createSymbolicLink(dir.resolve("cycle"), dir.toAbsolutePath());
        Files.createSymbolicLink(dir.resolve("sub/again"), dir.resolve("sub").toAbsolutePath());

        List<InputListing.Item> items = list(dir.toString(), true);
        List<String> files = items.stream().filter(i -> i.problem() == null).map(i -> i.path().replace("file:", ""))
                .sorted().toList();
        assertEquals(List.of(dir.resolve("a.jpg").toString(), dir.resolve("sub/b.jpg").toString()), files);
        // the same files and the same lines as the command line's listing: one rule
        List<String> same = items.stream().map(i -> i.problem() != null ? i.problem().replace("file:", "")
                : real(Path.of(i.path().replace("file:", "")))).sorted().toList();
        assertEquals(cliListing(dir), same);
        assertTrue(same.contains(dir.resolve("cycle") + ": a link back to " + dir.toRealPath()
                + " (a directory cycle); not entered again"), same.toString());
    }

    @Test
    void aLadderOfFolderLinksListsEachRealFolderOnce() throws Exception {
        // 16 levels, each with two links to the next: 2^16 paths to the one file at the bottom
        Path top = Files.createDirectories(tmp.resolve("ladder"));
        LinkLadder.build(top, tmp.resolve("rungs"), 16);
        List<InputListing.Item> items = list(top.toString(), true);
        assertEquals(1, items.size(), "one item, not 65,536: " + items.size());
        assertTrue(items.get(0).path().endsWith("/notes.txt") && items.get(0).problem() == null, items.toString());
    }

    @Test
    void aReadErrorOfTheLocalDiskIsAnIoExceptionNotHadoopsError() throws Exception {
        // /proc/self/mem is a regular file to stat, and its read fails (EIO): Hadoop throws FSError, an Error
        Path link = Files.createSymbolicLink(tmp.resolve("unreadable.jpg"), Path.of("/proc/self/mem"));
        org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
        var e = assertThrows(java.io.IOException.class, () -> HadoopReads.read(fs,
                new org.apache.hadoop.fs.Path(link.toUri()), Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        // listed as a file like any other (its name says image): the executor's read is what fails, in a row
        List<InputListing.Item> items = list(tmp.toString(), false);
        assertEquals(List.of("unreadable"), stems(items));
        // named alone without an image's name: its size (0) reads as an empty image, no read on the driver
        Path named = Files.createSymbolicLink(tmp.resolve("mem"), Path.of("/proc/self/mem"));
        assertEquals(List.of("mem"), stems(list(named.toString(), false)));
    }
}
