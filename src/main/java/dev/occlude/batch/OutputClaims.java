package dev.occlude.batch;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.picture.OutputFiles;
import dev.occlude.video.VideoFormat;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which input owns which output name. Every file an input can write (all its planned maps, and
 * for a video every name its frames can take) is claimed at once, so that no two inputs of a run
 * write one file: an input whose names are taken keeps its extension in them (b.png →
 * b.png.occlusion.png), and is refused only when those are taken too.
 *
 * <p>The run's own files (summary, atlas and its numbers, the report's page and pictures folder;
 * the Spark job's table and overlays folders) are claimed first: an input output on one of them,
 * or two of them on one path, is a usage error naming both. Those are compared by real path (links
 * of the folders resolved) and without regard to case, which some file systems ignore.
 */
public final class OutputClaims {
    /** The longest file name most file systems allow, in bytes. */
    static final int NAME_MAX = 255;
    /** A video frame's part of its file names: NAME.t000012.500.occlusion.png. */
    private static final Pattern FRAME_NAME = Pattern.compile("(.+)\\.t\\d{6,}\\.\\d{3}(.*)\\.occlusion\\.(png|npy|json)");
    /** An output's absolute path → the input that writes it. */
    private final Map<Path, Path> owners = new HashMap<>();
    /** A video's stem (folder and name) → the video: its frames' names are all its own. */
    private final Map<Path, Path> videos = new HashMap<>();
    /** A stem that a claimed image output's name reads as a frame of → the image. */
    private final Map<Path, Path> frameLike = new HashMap<>();
    private final Path out;
    private final AnalysisPlan plan;
    private final List<String> classes;
    /** What comes between a frame's time and ".occlusion." in its files' names, with this plan. */
    private final Set<String> frameSuffixes = new HashSet<>();

    /** The run's own files, by {@link #caseKey}. */
    private final Map<String, RunFile> runFiles = new HashMap<>();
    /** The run's own folders (every file in them is the run's), by {@link #caseKey}. */
    private final Map<String, RunFile> runFolders = new HashMap<>();

    /**
     * What claiming gave: the input's files, or why it cannot have any.
     *
     * @param usage whether the problem is one of the run's own files on an output's path (the
     *     command line's fault, not the input's)
     */
    record Claim(OutputFiles files, String problem, boolean usage) {
        Claim(OutputFiles files, String problem) {
            this(files, problem, false);
        }
    }

    /**
     * A file a run writes as a whole, or a folder all of whose files it writes.
     *
     * @param what how the user named it, for the refusal ("--atlas a.png", "--atlas a.png's numbers")
     * @param path where it is
     * @param folder whether every path inside it is the run's
     */
    public record RunFile(String what, Path path, boolean folder) {
        /** A single file. */
        public static RunFile file(String what, Path path) {
            return new RunFile(what, path, false);
        }

        /** A folder whose every file is the run's. */
        public static RunFile folder(String what, Path path) {
            return new RunFile(what, path, true);
        }
    }

    OutputClaims(Path out, AnalysisPlan plan, List<String> classes, List<RunFile> own) {
        this.out = out;
        this.plan = plan;
        this.classes = classes;
        for (RunFile f : own) {
            (f.folder() ? runFolders : runFiles).putIfAbsent(caseKey(f.path()), f);
        }
        OutputFiles probe = OutputFiles.forStem(Path.of("x"), Path.of("."));
        for (Path p : probe.planned(plan, classes)) {
            String name = p.getFileName().toString();
            if (name.contains(".occlusion.")) {
                frameSuffixes.add(name.substring(1, name.indexOf(".occlusion.")));
            }
        }
    }

    /** Claims the input's outputs: under its bare stem, else with its extension kept; else a problem. */
    Claim claim(Input input) {
        String conflict = null;
        boolean video = VideoFormat.isVideo(input.path()); // read once: its frames claim names too
        for (Input candidate : List.of(input, input.withExtension())) {
            OutputFiles files = OutputFiles.forStem(candidate.outputStem(), out);
            List<Path> planned = files.planned(plan, classes);
            for (Path p : planned) {
                RunFile own = runFileAt(p);
                if (own != null) {
                    return new Claim(null, own.what() + " and " + input.path() + "'s output " + p
                            + " are one file; name another" + (own.folder() ? " outside it" : ""), true);
                }
            }
            String tooLong = tooLong(planned);
            if (tooLong != null) {
                return new Claim(null, input.path() + ": its output name " + tooLong + " would pass the "
                        + NAME_MAX + " bytes a file name may have; rename the input");
            }
            conflict = conflict(video, files, planned);
            if (conflict == null) {
                take(input, video, files, planned);
                return new Claim(files, null);
            }
        }
        return new Claim(null, input.path() + ": its outputs would overwrite those of " + conflict
                + " (same names; give the folder instead of the files to keep sub-paths, or rename one)");
    }

    /**
     * Two of the run's own files on one path (or one inside the other's folder), in one line
     * naming both; empty when each has a path of its own.
     */
    public static Optional<String> clash(List<RunFile> own) {
        for (int i = 0; i < own.size(); i++) {
            for (int j = 0; j < own.size(); j++) {
                RunFile a = own.get(i);
                RunFile b = own.get(j);
                if (i == j || (i > j && !a.folder() && !b.folder())) {
                    continue;
                }
                String ka = caseKey(a.path());
                String kb = caseKey(b.path());
                if (!a.folder() && !b.folder() && ka.equals(kb)) {
                    return Optional.of(a.what() + " and " + b.what() + " are one file; name another");
                }
                if (b.folder() && (ka.equals(kb) || ka.startsWith(kb + File.separator))) {
                    return Optional.of(a.what() + " lies in " + b.what() + ", which the run writes; name another path");
                }
            }
        }
        return Optional.empty();
    }

    /** The run's own file at this path, or the run's folder holding it; null when neither. */
    private RunFile runFileAt(Path p) {
        String k = caseKey(p);
        RunFile own = runFiles.get(k);
        for (String dir = k; own == null && dir != null; ) {
            own = runFolders.get(dir);
            int cut = dir.lastIndexOf(File.separatorChar);
            dir = cut > 0 ? dir.substring(0, cut) : null;
        }
        return own;
    }

    /** The real path (links of the folders resolved), in lower case: one key for what may be one file. */
    public static String caseKey(Path p) {
        return RunFiles.real(p).toString().toLowerCase(Locale.ROOT);
    }

    private static String tooLong(List<Path> planned) {
        for (Path p : planned) {
            String name = p.getFileName().toString();
            if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                return name;
            }
        }
        return null;
    }

    /** Who already owns one of these names, or null. */
    private String conflict(boolean video, OutputFiles files, List<Path> planned) {
        for (Path p : planned) {
            Path owner = owners.get(key(p));
            if (owner != null) {
                return owner.toString();
            }
            Path frameOf = frameStem(p);
            if (frameOf != null && videos.containsKey(frameOf)) {
                return videos.get(frameOf) + " (its frames' names)";
            }
        }
        if (video) {
            Path stem = stem(files);
            if (frameLike.containsKey(stem)) {
                return frameLike.get(stem) + " (a name its frames would take)";
            }
        }
        return null;
    }

    private void take(Input input, boolean video, OutputFiles files, List<Path> planned) {
        for (Path p : planned) {
            owners.put(key(p), input.path());
            Path frameOf = frameStem(p);
            if (frameOf != null) {
                frameLike.putIfAbsent(frameOf, input.path());
            }
        }
        if (video) {
            videos.put(stem(files), input.path());
        }
    }

    private static Path stem(OutputFiles files) {
        String name = files.overlay().getFileName().toString();
        return key(files.overlay().resolveSibling(name.substring(0, name.length() - ".occlusion.png".length())));
    }

    /** The stem of the video whose frame this name would be, or null. */
    private Path frameStem(Path p) {
        Matcher m = FRAME_NAME.matcher(p.getFileName().toString());
        return m.matches() && frameSuffixes.contains(m.group(2)) ? key(p.resolveSibling(m.group(1))) : null;
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
