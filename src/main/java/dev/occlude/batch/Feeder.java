package dev.occlude.batch;

import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.occlusion.Occluder;
import dev.occlude.result.Box;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final Map<Path, Path> claimed = new HashMap<>();
    private final Set<Path> inputKeys = new HashSet<>();

    Feeder(InputCollector.Inputs inputs, BlockingQueue<FeedItem> ready, BatchOptions options, Occluder occluder,
           String settingsKey, VideoJob videos) {
        this.inputs = inputs;
        this.ready = ready;
        this.options = options;
        this.occluder = occluder;
        this.settingsKey = settingsKey;
        this.videos = videos;
        this.loader = new ImageLoader(options.loaderLimit().pixels(), options.loaderLimit().name());
        for (Input i : inputs.listed()) {
            inputKeys.addAll(keys(i.path()));
        }
    }

    @Override
    public void run() {
        try {
            while (inputs.hasNext()) {
                ready.put(feed(inputs.next()));
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

    private FeedItem feed(Input input) {
        if (input.problem() != null) {
            return new FeedItem.Refused(input, input.problem());
        }
        inputKeys.addAll(keys(input.path()));
        OutputFiles files = claim(input);
        if (files == null) {
            return new FeedItem.Refused(input, input.path() + ": its outputs would overwrite those of "
                    + claimed.get(key(OutputFiles.forStem(input.outputStem(), options.out())))
                    + " (same name; give the folder instead of the files to keep sub-paths)");
        }
        for (Path output : files.planned(options.plan(), occluder.classes())) {
            if (!Collections.disjoint(keys(output), inputKeys)) {
                return new FeedItem.Refused(input, input.path() + ": its output " + output
                        + " would overwrite an input; choose another output folder");
            }
        }
        if (VideoFormat.isVideo(input.path())) {
            return new FeedItem.Video(input, files, options.skipExisting() ? videos.finished(files) : null);
        }
        if (options.skipExisting()) {
            Outcome earlier = files.finished(settingsKey);
            Box region = options.regions().of(input.path()).map(Box::of).orElse(null);
            if (earlier instanceof Mapped m && Objects.equals(m.region(), region)) {
                return new FeedItem.Resumed(input, earlier);
            }
        }
        return load(input, files);
    }

    /** The outputs for the input, claimed for it; its extension kept when another input took the name; null when both are taken. */
    private OutputFiles claim(Input input) {
        for (Input candidate : List.of(input, input.withExtension())) {
            OutputFiles files = OutputFiles.forStem(candidate.outputStem(), options.out());
            if (claimed.putIfAbsent(key(files), input.path()) == null) {
                return files;
            }
        }
        return null;
    }

    private static Path key(OutputFiles files) {
        return files.overlay().toAbsolutePath().normalize();
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

    private FeedItem load(Input input, OutputFiles files) {
        long start = System.nanoTime();
        try {
            BufferedImage image = loader.load(input.path());
            PreparedImage prepared = occluder.prepare(image);
            return new FeedItem.Decoded(input, files, image, prepared, (System.nanoTime() - start) / 1e9);
        } catch (ImageLoadException e) {
            return new FeedItem.Refused(input, e.getMessage());
        } catch (OutOfMemoryError e) {
            return new FeedItem.Refused(input, input.path() + ": too large to decode in this JVM's memory ("
                    + options.loaderLimit().name() + ")");
        } catch (RuntimeException e) {
            return new FeedItem.Refused(input, input.path() + ": cannot decode (" + Text.oneLine(e) + ")");
        }
    }
}
