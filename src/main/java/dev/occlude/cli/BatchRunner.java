package dev.occlude.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Labels;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import dev.occlude.occlusion.Occluder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a list of images through one loaded model: decoding and preprocessing of the next images
 * happen on a background thread while the network scores the current one; each image ends as
 * written outputs and a JSON line, or as an error line, and the run goes on.
 */
final class BatchRunner {
    /** Images decoded ahead of the one being scored. */
    private static final int LOOKAHEAD = 2;

    private final Occluder occluder;
    private final ModelDirectory model;
    private final RunOptions options;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ImageLoader loader;
    private final Confusion confusion;
    private final Summary summary;
    private final Map<Path, Path> claimedOutputs = new HashMap<>();
    private final List<JsonObject> emitted = new ArrayList<>();

    BatchRunner(Occluder occluder, ModelDirectory model, RunOptions options, PrintStream stdout, PrintStream stderr) {
        this.occluder = occluder;
        this.model = model;
        this.options = options;
        this.stdout = stdout;
        this.stderr = stderr;
        this.loader = new ImageLoader(options.maxPixels());
        this.confusion = options.labels() == null ? null : new Confusion(model.classes());
        this.summary = options.summary() == null ? null : new Summary(options.summary(), model.classes());
    }

    /** A decoded and preprocessed image, or why it could not be. */
    private record Loaded(BufferedImage image, PreparedImage prepared, String error, double seconds) {}

    /** Processes every input; returns the number that failed. */
    int run(List<Input> inputs) throws ModelException {
        int failed = 0;
        ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "occlude-decoder");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Loaded>> ahead = new ArrayDeque<>();
        List<Input> queue = new ArrayList<>();
        List<OutputFiles> outputs = new ArrayList<>();
        try (Progress progress = Progress.forStderr(inputs.size(), options.quiet(), stderr)) {
            int done = 0;
            for (Input input : inputs) {
                OutputFiles files = OutputFiles.forStem(input.outputStem(), options.out());
                Path previous = claimedOutputs.putIfAbsent(files.overlay().toAbsolutePath().normalize(), input.path());
                if (input.problem() != null) {
                    failed += fail(input.path(), input.problem());
                    progress.image(++done);
                } else if (previous != null) {
                    failed += fail(input.path(), input.path() + ": its outputs would overwrite those of " + previous
                            + " (same name; give the folder instead of the files to keep sub-paths)");
                    progress.image(++done);
                } else if (options.skipExisting() && files.complete()) {
                    failed += reuse(input, files) ? 0 : 1;
                    progress.image(++done);
                } else {
                    queue.add(input);
                    outputs.add(files);
                }
            }
            for (int i = 0; i < queue.size(); i++) {
                while (ahead.size() < LOOKAHEAD + 1 && i + ahead.size() < queue.size()) {
                    Input next = queue.get(i + ahead.size());
                    ahead.add(decoder.submit(() -> load(next)));
                }
                Loaded loaded = take(ahead.poll());
                if (!process(queue.get(i), outputs.get(i), loaded, progress)) {
                    failed++;
                }
                progress.image(++done);
            }
        } finally {
            decoder.shutdownNow();
        }
        if (confusion != null && confusion.total() > 0) {
            stderr.print(confusion.render());
        }
        if (options.report() != null) {
            try {
                new dev.occlude.report.HtmlReport(options.report()).write(emitted, null);
            } catch (IOException | RuntimeException e) {
                stderr.println("occlude: " + options.report() + ": cannot write the report (" + e.getMessage() + ")");
                failed++;
            }
        }
        if (summary != null) {
            try {
                summary.write();
            } catch (IOException e) {
                stderr.println("occlude: " + options.summary() + ": cannot write the summary (" + e.getMessage() + ")");
                failed++;
            }
        }
        return failed;
    }

    private static Loaded take(Future<Loaded> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Loaded(null, null, "interrupted", 0);
        } catch (ExecutionException e) {
            return new Loaded(null, null, "cannot decode (" + e.getCause() + ")", 0);
        }
    }

    private Loaded load(Input input) {
        long start = System.nanoTime();
        try {
            BufferedImage image = loader.load(input.path());
            PreparedImage prepared = occluder.prepare(image);
            return new Loaded(image, prepared, null, (System.nanoTime() - start) / 1e9);
        } catch (ImageLoadException e) {
            return new Loaded(null, null, e.getMessage(), 0);
        } catch (OutOfMemoryError e) {
            return new Loaded(null, null, input.path() + ": too large to decode in this JVM's memory (--max-pixels)", 0);
        }
    }

    private boolean process(Input input, OutputFiles files, Loaded loaded, Progress progress) throws ModelException {
        if (loaded.error() != null) {
            return fail(input.path(), loaded.error()) == 0;
        }
        long start = System.nanoTime();
        try {
            files.checkNotInput(input.path());
            float[] clean = occluder.clean(loaded.prepared());
            int predicted = Occluder.argMax(clean);
            Labels.Entry label = options.labels() == null ? null : options.labels().find(input.path());
            int truth = -1;
            if (label != null) {
                truth = model.classes().indexOf(label.label());
                if (truth < 0) {
                    return fail(input.path(), input.path() + ": label '" + label.label() + "' is not a class of the model ("
                            + String.join(", ", model.classes()) + ")") == 0;
                }
                confusion.add(truth, predicted);
            }
            if (options.onlyMistakes() && (truth < 0 || truth == predicted)) {
                JsonObject json = ResultJson.unmapped(input.path().toString(), model.name(), model.classes(), clean,
                        loaded.image().getWidth(), loaded.image().getHeight());
                addLabel(json, label, truth, predicted);
                emit(json);
                return true;
            }
            int target = options.className() == null ? predicted : occluder.classIndex(options.className());
            JsonObject json = new ImageJob(occluder, model, options.maps()).run(input.path().toString(), loaded.image(),
                    loaded.prepared(), clean, target, files, progress::variants, loaded.seconds(), start);
            addLabel(json, label, truth, predicted);
            files.writeRecord(ResultJson.line(json));
            emit(json);
            return true;
        } catch (IOException e) {
            return fail(input.path(), input.path() + ": cannot write outputs (" + e.getMessage() + ")") == 0;
        }
    }

    private void addLabel(JsonObject json, Labels.Entry label, int truth, int predicted) {
        if (label != null) {
            json.addProperty("label", label.label());
            json.addProperty("mistake", truth != predicted);
        }
    }

    /** --skip-existing: the finished image's JSON record is emitted again, marked, and counted. */
    private boolean reuse(Input input, OutputFiles files) {
        try {
            JsonObject json = JsonParser.parseString(files.readRecord()).getAsJsonObject();
            json.addProperty("existing", true);
            if (confusion != null) {
                Labels.Entry label = options.labels().find(input.path());
                String predictedName = json.getAsJsonObject("prediction").get("class").getAsString();
                int truth = label == null ? -1 : model.classes().indexOf(label.label());
                int predicted = model.classes().indexOf(predictedName);
                if (truth >= 0 && predicted >= 0) {
                    confusion.add(truth, predicted);
                    addLabel(json, label, truth, predicted);
                }
            }
            emit(json);
            return true;
        } catch (IOException | RuntimeException e) {
            return fail(input.path(), input.path() + ": existing outputs are unreadable (" + e.getMessage() + ")") == 0;
        }
    }

    private void emit(JsonObject json) {
        emitted.add(json);
        stdout.println(ResultJson.line(json));
        stdout.flush();
        if (summary != null) {
            summary.add(json);
        }
    }

    /** Reports a failed image on stderr and as a JSON line; returns 1 (one failure). */
    private int fail(Path image, String message) {
        stderr.println("occlude: " + message);
        emit(ResultJson.failure(image.toString(), message));
        return 1;
    }

}
