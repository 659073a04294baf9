package dev.occlude.batch;

import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.InputFiles;
import dev.occlude.io.Labels;
import dev.occlude.io.OwnFiles;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.occlusion.Occluder;
import dev.occlude.picture.OutputFiles;
import dev.occlude.result.Box;
import dev.occlude.result.Mapped;
import dev.occlude.result.Source;
import dev.occlude.util.Text;
import dev.occlude.video.VideoFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * The run's first stage, on a thread of its own: takes the inputs as they come (stdin paths as
 * they arrive), claims each one's output names, refuses what would overwrite an input or another
 * input's outputs, resumes what is finished, and decodes the next images while the network
 * scores the current one. Always ends with {@link FeedItem.End}.
 */
final class Feeder implements Runnable {
    private final InputCollector.Inputs inputs;
    private final BlockingQueue<FeedItem> ready;
    private final BatchOptions options;
    private final Occluder occluder;
    private final String settingsKey;
    private final VideoJob videos;
    private final ImageLoader loader;
    private final OutputClaims claims;
    /** Listed inputs' outputs, claimed before the first image is written; stdin inputs claim theirs as they arrive. */
    private final Map<Path, OutputClaims.Claim> early = new HashMap<>();
    /** The real files fed so far → the path they were first named by. */
    private final Map<Path, Path> fed = new HashMap<>();
    private final Set<Path> inputKeys = new HashSet<>();
    private final Lockstep lockstep;

    Feeder(InputCollector.Inputs inputs, BlockingQueue<FeedItem> ready, BatchOptions options, Occluder occluder,
           String settingsKey, VideoJob videos, Lockstep lockstep) {
        this.inputs = inputs;
        this.lockstep = lockstep;
        this.ready = ready;
        this.options = options;
        this.occluder = occluder;
        this.settingsKey = settingsKey;
        this.videos = videos;
        this.loader = new ImageLoader(options.loaderLimit().pixels(), options.loaderLimit().name());
        this.claims = new OutputClaims(options.out(), options.picture().plan(), occluder.classes(), RunFiles.claimed(options));
        Set<Path> seen = new HashSet<>();
        for (Input i : inputs.listed()) {
            inputKeys.addAll(keys(i.path()));
        }
        for (Input i : inputs.listed()) {
            if (i.problem() == null && seen.add(RunFiles.real(i.path()))) {
                early.put(i.path(), claims.claim(i));
            }
        }
    }

    @Override
    public void run() {
        try {
            for (int position = 1; inputs.hasNext(); position++) {
                FeedItem item = feed(inputs.next(), position);
                lockstep.fed(position);
                ready.put(item);
            }
        } catch (InterruptedException e) {
            return; // the run stopped
        } catch (UncheckedIOException e) {
            putQuietly(new FeedItem.Refused(Input.failed(Path.of("-"), "stdin"), "cannot read paths from stdin ("
                    + Text.oneLine(e.getCause()) + ")"));
        } catch (RuntimeException | Error e) {
            // never leave the run waiting for an input that will not come
            putQuietly(new FeedItem.Refused(Input.failed(Path.of("input"), "input"), "cannot go on reading inputs ("
                    + Text.oneLine(e) + ")"));
        }
        putQuietly(new FeedItem.End());
    }

    private void putQuietly(FeedItem item) {
        try {
            ready.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FeedItem feed(Input input, int position) {
        if (input.problem() != null) {
            return new FeedItem.Refused(input, input.problem());
        }
        Optional<String> own = RunFiles.clash(options, input.path());
        if (own.isPresent()) {
            return new FeedItem.Refused(input, own.get());
        }
        Path first = fed.putIfAbsent(RunFiles.real(input.path()), input.path());
        if (first != null) {
            return new FeedItem.Duplicate(input, first);
        }
        inputKeys.addAll(keys(input.path()));
        OutputClaims.Claim claim = early.containsKey(input.path()) ? early.remove(input.path()) : claims.claim(input);
        if (claim.problem() != null) {
            return new FeedItem.Refused(input, claim.problem());
        }
        OutputFiles files = claim.files();
        for (Path output : files.planned(options.picture().plan(), occluder.classes())) {
            if (!Collections.disjoint(keys(output), inputKeys)) {
                return new FeedItem.Refused(input, input.path() + ": its output " + output
                        + " would overwrite an input; choose another output folder");
            }
            if (!OwnFiles.absentOrOwn(output)) {
                return new FeedItem.Refused(input, input.path() + ": its output " + output
                        + " exists and is not this tool's; move it away or choose another output folder");
            }
        }
        // the input's labels, found once here and carried with it
        Labels.ForInput labels = options.labels().map(l -> l.of(input.path())).orElse(Labels.ForInput.NONE);
        if (VideoFormat.isVideo(input.path())) {
            return new FeedItem.Video(input, files, options.skipExisting() ? videos.finished(input, files) : null, labels);
        }
        Mapped earlier = options.skipExisting() ? finished(input, files, labels.image()) : null;
        if (earlier != null) {
            return new FeedItem.Resumed(input, earlier, labels);
        }
        return load(input, files, position, labels);
    }

    /**
     * The earlier outcome when it can stand for this run's: the same settings, the same input
     * file unchanged since, the same region, and (with --class true) the same true class.
     */
    private Mapped finished(Input input, OutputFiles files, Labels.Entry label) {
        if (!(files.finished(settingsKey) instanceof Mapped m) || m.source() == null
                || !m.source().matches(input.path())) {
            return null;
        }
        Box region = options.regions().of(input.path()).map(Box::of).orElse(null);
        if (!Objects.equals(m.region(), region)) {
            return null;
        }
        if (options.picture().mapsTrueClass(occluder.classes())) {
            if (label == null || !label.label().equals(m.target().name())) {
                return null;
            }
        }
        return m;
    }

    /** A path as written and, when it exists, as the file it really is (links resolved). */
    private static Set<Path> keys(Path p) {
        Set<Path> keys = new HashSet<>();
        keys.add(p.toAbsolutePath().normalize());
        try {
            if (Files.exists(p)) {
                keys.add(p.toRealPath());
            }
        } catch (IOException | RuntimeException e) {
            // the written form is all there is
        }
        return keys;
    }

    private FeedItem load(Input input, OutputFiles files, int position, Labels.ForInput labels) {
        long start = System.nanoTime();
        try {
            Source source = Source.of(input.path()); // before reading: a change while it is read shows next time
            BufferedImage image = lockstep.image(position, input.path(), loader::load);
            PreparedImage prepared = occluder.prepare(image);
            return new FeedItem.Decoded(input, files, image, prepared, source, (System.nanoTime() - start) / 1e9, labels);
        } catch (ImageLoadException e) {
            return new FeedItem.Refused(input, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FeedItem.Refused(input, input.path() + ": the run stopped before it was decoded");
        } catch (IOException e) {
            return new FeedItem.Refused(input, InputFiles.unreadable(input.path(), "an image", e));
        } catch (OutOfMemoryError e) {
            return new FeedItem.Refused(input, input.path() + ": too large to decode in this JVM's memory ("
                    + options.loaderLimit().name() + ")");
        } catch (RuntimeException e) {
            return new FeedItem.Refused(input, input.path() + ": cannot decode (" + Text.oneLine(e) + ")");
        }
    }
}
