package dev.occlude.batch;

import dev.occlude.io.OwnFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a run as a whole (the output folder, the summary, the report's folder), checked
 * before any image is computed: none may be an input or hold one, none may replace a file this
 * tool did not write, and each must be writable, so that a mistake costs a second, not a run.
 */
public final class RunFiles {
    private RunFiles() {}

    /**
     * What is wrong with the run's own files, in one line naming the option; empty when nothing
     * is. Besides {@link #problem(BatchOptions, List)}: no two of the run's files, and no output of
     * a listed input, on one path ({@link OutputClaims}).
     *
     * @param classes the model's classes (with --class all each has its own outputs)
     */
    public static Optional<String> problem(BatchOptions options, List<Input> inputs, List<String> classes) {
        Optional<String> first = problem(options, inputs);
        if (first.isPresent()) {
            return first;
        }
        List<OutputClaims.RunFile> own = claimed(options);
        Optional<String> clash = OutputClaims.clash(own);
        if (clash.isPresent()) {
            return clash;
        }
        OutputClaims claims = new OutputClaims(options.out(), options.picture().plan(), classes, own);
        Set<Path> seen = new HashSet<>();
        for (Input i : inputs) {
            if (i.problem() == null && seen.add(real(i.path()))) {
                OutputClaims.Claim c = claims.claim(i);
                if (c.usage()) {
                    return Optional.of(c.problem());
                }
            }
        }
        return Optional.empty();
    }

    /** Every file and folder the run writes as a whole, as {@link OutputClaims} holds them. */
    static List<OutputClaims.RunFile> claimed(BatchOptions options) {
        List<OutputClaims.RunFile> own = new ArrayList<>();
        for (OwnFile f : ownFiles(options)) {
            own.add(OutputClaims.RunFile.file(f.what(), f.file()));
        }
        options.report().ifPresent(r -> {
            own.add(OutputClaims.RunFile.file("--report " + r + "'s index.html", r.resolve("index.html")));
            own.add(OutputClaims.RunFile.folder("--report " + r + "'s images folder", r.resolve("images")));
        });
        return own;
    }

    /** What is wrong with the run's own files each on its own, in one line naming the option; empty when nothing is. */
    public static Optional<String> problem(BatchOptions options, List<Input> inputs) {
        Optional<String> out = folder("--out", options.out());
        if (out.isPresent()) {
            return out;
        }
        for (OwnFile own : ownFiles(options)) {
            Optional<String> file = file(own, inputs);
            if (file.isPresent()) {
                return file;
            }
        }
        if (options.report().isPresent()) {
            Path report = options.report().get();
            for (Input i : inputs) {
                if (inside(i.path(), report)) {
                    return Optional.of("--report " + report + " holds the input " + i.path()
                            + "; name a folder without inputs");
                }
            }
            Optional<String> folder = folder("--report", report);
            if (folder.isPresent()) {
                return folder;
            }
            if (!OwnFiles.absentOrOwn(report.resolve("index.html"))) {
                return Optional.of("--report " + report + ": its index.html is not a report this tool wrote; "
                        + "name another folder");
            }
        }
        return Optional.empty();
    }

    /**
     * A file the run writes whole, the option that names it, and what it is ("a summary").
     *
     * @param what the option and the file, as a refusal names it ("--atlas a.png's numbers a.csv")
     */
    private record OwnFile(String option, Path file, String kind, String what) {}

    /** The run's own single files: the summary, the atlas's picture and its numbers. */
    private static List<OwnFile> ownFiles(BatchOptions options) {
        List<OwnFile> files = new ArrayList<>();
        options.summary().ifPresent(f -> files.add(new OwnFile("--summary", f, "a summary", "--summary " + f)));
        options.atlas().ifPresent(f -> {
            files.add(new OwnFile("--atlas", f, "an atlas", "--atlas " + f));
            files.add(new OwnFile("--atlas", Atlas.numbers(f), "an atlas's numbers",
                    "--atlas " + f + "'s numbers " + Atlas.numbers(f)));
        });
        return files;
    }

    /** A file the run writes whole: not an input, not a folder, absent or this tool's, in a folder it can write. */
    private static Optional<String> file(OwnFile own, List<Input> inputs) {
        String option = own.option();
        Path file = own.file();
        for (Input i : inputs) {
            if (same(i.path(), file)) {
                return Optional.of(option + " " + file + " is one of the inputs; name a new file");
            }
        }
        if (Files.isDirectory(file)) {
            return Optional.of(option + " " + file + " is a folder; name a file");
        }
        if (!OwnFiles.absentOrOwn(file)) {
            return Optional.of(option + " " + file + " exists and is not " + own.kind()
                    + " this tool wrote; remove it or name a new file");
        }
        Path parent = file.toAbsolutePath().getParent();
        Path existing = nearestExisting(parent);
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return Optional.of(option + " " + file + ": cannot write in " + parent);
        }
        return Optional.empty();
    }

    /** Whether an input that arrives during the run (on stdin) is one of the run's own files. */
    static Optional<String> clash(BatchOptions options, Path input) {
        for (OwnFile own : ownFiles(options)) {
            if (same(input, own.file())) {
                return Optional.of(input + ": the run's " + own.option() + " file; not an input");
            }
        }
        if (options.report().isPresent() && inside(input, options.report().get())) {
            return Optional.of(input + ": inside the run's --report folder; not an input");
        }
        return Optional.empty();
    }

    /**
     * A folder that exists or can be made, and can be written in. It is not made here: a run
     * refused later (exit 2) leaves nothing behind; the first file written into it makes it.
     */
    private static Optional<String> folder(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return Optional.of(option + " " + dir + " is a file, not a folder");
        }
        Path existing = nearestExisting(dir);
        if (existing == null || !Files.isDirectory(existing)) {
            return Optional.of(option + " " + dir + ": cannot make the folder"
                    + (existing == null ? "" : " (" + existing + " is a file)"));
        }
        if (!Files.isWritable(existing)) {
            return Optional.of(option + " " + dir + (existing.equals(dir.toAbsolutePath().normalize())
                    ? ": cannot write in it" : ": cannot make the folder (permission denied)"));
        }
        return Optional.empty();
    }

    /** The folder itself when it exists, else its nearest ancestor that does (where it would be made). */
    private static Path nearestExisting(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static boolean same(Path a, Path b) {
        return real(a).equals(real(b));
    }

    private static boolean inside(Path file, Path dir) {
        return real(file).startsWith(real(dir));
    }

    /** The path with links resolved as far as they exist (the rest as written). */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
