package dev.occlude.serve;

import dev.occlude.io.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's private folder (the map jobs' pictures): {@code occlude-serve-PID-RANDOM} in the
 * system's temporary folder, the PID the server's own. A server killed with SIGKILL cannot remove
 * it; the next server does, once that process is gone and the folder is the same user's: the
 * name and its owner prove it was a server's of this user's, and no running process holds it.
 */
final class PrivateFolder {
    private static final String PREFIX = "occlude-serve-";
    private static final Pattern STAMPED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,10})-\\d+");

    private PrivateFolder() {}

    /** A new private folder, after the stale folders of killed servers are removed. */
    static Path create() throws IOException {
        Path folder = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
        removeStale(folder.getParent(), Files.getOwner(folder));
        return folder;
    }

    private static void removeStale(Path tmp, UserPrincipal me) {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path f : all) {
                Matcher m = STAMPED.matcher(f.getFileName().toString());
                if (m.matches() && Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)
                        && me.equals(Files.getOwner(f, LinkOption.NOFOLLOW_LINKS))
                        && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    FileTrees.delete(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // what cannot be removed now stays for the next server, or the system's cleaning
        }
    }
}
