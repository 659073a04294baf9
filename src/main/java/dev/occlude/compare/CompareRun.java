package dev.occlude.compare;

import com.google.gson.JsonObject;
import dev.occlude.batch.BatchRunner;
import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Lockstep;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.picture.MapListener;
import dev.occlude.picture.OutputFiles;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import dev.occlude.util.Text;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs model A and model B over the same inputs, each as a plain batch run with its own output
 * folder, side by side and kept in step ({@link Pairing}): each image and video frame decoded once
 * for both, model B's run one input (one frame) behind A's. One compare line per input is printed as model B's line arrives:
 * both sides' lines (every field, as a plain run prints them), what changed and where each looks.
 * Model A's probabilities of the compared class are kept per frame until model B has scanned it.
 */
public final class CompareRun {
    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<Key, Side> sideA = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Key, Looks> looks = new ConcurrentHashMap<>();
    private final CompareTally tally;
    private final List<JsonObject> records = new ArrayList<>();
    private Replay replay;
    private ProblemLines problemLines;
    private int compared;
    private final AtomicInteger problems = new AtomicInteger();
    /** Each --fail-on condition that held, with the frames that tripped it, in the order first met. */
    private final Map<String, Integer> gateHeld = new LinkedHashMap<>();

    /** One model, as the caller finds it: loaded and tuned when the compare starts. */
    public interface Model {
        /** The model's name, as its lines give it. */
        String name();

        /** Its classes, in its order. */
        List<String> classes();

        /** Loads the network and tunes its scan settings for {@code listed}, problems to {@code err}. */
        Loaded load(List<Input> listed, PrintWriter err) throws ModelException;
    }

    /** One model loaded, ready for its batch run. */
    public interface Loaded extends AutoCloseable {
        /**
         * Runs every input, lines to {@code out}, problems to {@code err}, each mapped picture to
         * {@code listener}, in step with the other model's run by {@code lockstep}.
         *
         * @param progress whether this side shows the run's progress (one of the two does)
         */
        BatchRunner.Totals run(InputCollector.Inputs inputs, PrintWriter out, PrintWriter err, MapListener listener,
                               Lockstep lockstep, boolean progress) throws ModelException;

        @Override
        void close();
    }

    /**
     * What a compare does besides the two runs.
     *
     * @param out where the compare pictures go (the sides' outputs are in their own folders)
     * @param outB model B's output folder, below which its pictures' sub-paths are those of the compare's
     * @param fixedClass the class both models map (--class NAME), compared where each looks; empty: the
     *     true class with labels, else model A's prediction
     * @param style how the pictures are drawn
     * @param gate when the run fails as a gate
     * @param report where to write the HTML report of the run, if anywhere
     */
    public record Settings(Path out, Path outB, Optional<String> fixedClass, OverlayStyle style, Gate gate,
                           Optional<Path> report) {}

    /**
     * How the run ended.
     *
     * @param compared compare lines printed
     * @param failed inputs that failed on either side, and pictures that could not be written
     * @param outputClosed the reader of stdout went away
     * @param gateHeld what of the gate held and on how many frames ("broke on 2 frames"); empty when nothing did
     */
    public record Totals(int compared, int failed, boolean outputClosed, String gateHeld) {
        /** Some frame trips the gate. */
        public boolean gateHolds() {
            return !gateHeld.isEmpty();
        }
    }

    private record Key(String image, int frame) {
        static Key of(Outcome o) {
            return new Key(o.image(), o.frame() == null ? -1 : o.frame().index());
        }
    }

    /** A side's line of a frame; {@code number}: model A's lines counted from 0 (B's: -1). */
    private record Side(String line, Outcome outcome, int number) {}

    /** Model A's column of a frame, then with model B's scan the measures and the picture. */
    private record Looks(Column a, Focus focus, String picture) {}

    public CompareRun(Settings settings, PrintWriter out, PrintWriter err, String nameA, String nameB) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.tally = new CompareTally(nameA, nameB);
    }

    /** Runs both models side by side and prints every compare line, then the table. */
    public Totals run(Model a, Model b, InputCollector.Inputs inputs) throws ModelException {
        replay = new Replay(inputs);
        Pairing pairing = new Pairing();
        problemLines = new ProblemLines(err, a.name(), b.name());
        PrintWriter errA = problemLines.a();
        PrintWriter errB = problemLines.b();
        BatchRunner.Totals tb;
        LeadingRun first;
        Lockstep leading = pairing.first();
        // loaded and tuned one after the other, before either scans: a tuning measures a quiet machine
        try (Loaded la = a.load(inputs.listed(), errA); Loaded lb = b.load(inputs.listed(), errB)) {
            problemLines.flush(); // what loading said
            first = new LeadingRun(() -> la.run(replay, new LineTap(this::lineA, out::checkError), errA,
                    (o, image, m) -> guarded(o, () -> keepA(o, m.scan(), a.classes())), leading, false), () -> {
                        leading.ended();
                        replay.end();
                    });
            first.start();
            try {
                LeadingRun ahead = first;
                // B stops as at a closed output when A's run failed as a whole (its model): the failure is said after
                tb = lb.run(replay.again(), new LineTap(this::lineB, () -> out.checkError() || ahead.failed()), errB,
                        (o, image, m) -> guarded(o, () -> looksB(o, image, m.scan(), b.classes(), a.name(), b.name())),
                        pairing.second(), true);
            } finally {
                pairing.second().ended();
                first.finish();
            }
        } finally {
            problemLines.flush(); // A's problems that wait for B's lines, when B's run is over
        }
        BatchRunner.Totals ta = first.totals();
        sideA.values().forEach(left -> emit(left, null)); // inputs model B never gave a line for
        sideA.clear();
        err.print(tally.table());
        err.flush();
        if (settings.report().isPresent()) {
            try {
                CompareReport.write(settings.report().get(), records, null);
            } catch (IOException | RuntimeException e) {
                problems.incrementAndGet();
                err.println("occlude: " + settings.report().get() + ": cannot write the report (" + e.getMessage() + ")");
            }
        }
        return new Totals(compared, ta.failed() + tb.failed() + problems.get(), ta.outputClosed() || tb.outputClosed(),
                gateHeld.isEmpty() ? "" : Gate.said(gateHeld));
    }

    /** Runs a compare step of a mapped picture; a fault in it is one line and the frame goes without measures. */
    private void guarded(Outcome o, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            looks.remove(Key.of(o));
            problems.incrementAndGet();
            err.println("occlude: " + o.image() + ": cannot compare where the models look ("
                    + Text.oneLine(e) + ")");
        }
    }

    private void lineA(String line) {
        int number = problemLines.lineOfA();
        Outcome o = parse(line);
        if (o != null) {
            sideA.put(Key.of(o), new Side(line, o, number));
        }
    }

    private void keepA(Outcome o, ScanResult scan, List<String> classes) {
        String c = Comparison.compareClass(settings.fixedClass(), o);
        int index = c == null ? -1 : classes.indexOf(c);
        if (index >= 0) {
            looks.put(Key.of(o), new Looks(Column.of(scan, index, c), null, null));
        }
    }

    private void looksB(Outcome b, BufferedImage image, ScanResult scan, List<String> classes, String nameA, String nameB) {
        Key key = Key.of(b);
        Looks kept = looks.get(key);
        Side a = sideA.get(key);
        if (kept == null || a == null) {
            return;
        }
        Column cb = Comparison.columnOf(kept.a(), scan, classes);
        if (cb == null) {
            looks.remove(key);
            return; // model B has no such class, or another grid (a region, refinement): no measures
        }
        Focus focus = Comparison.focus(kept.a(), cb, scan);
        String picture = null;
        if (b instanceof Mapped m) {
            Path file = ComparePicture.path(m, settings.out(), settings.outB());
            try {
                if (replay != null && replay.isInput(file)) {
                    throw new IOException("an input of this run; left as it is");
                }
                OutputFiles.writeOwnPng(file, ComparePicture.render(image, focus, Verdict.of(a.outcome(), b), nameA, nameB,
                        settings.style(), kept.a(), cb));
                picture = file.toString();
            } catch (IOException | RuntimeException e) {
                problems.incrementAndGet();
                err.println("occlude: " + file + ": cannot write the compare picture (" + e.getMessage() + ")");
            }
        }
        looks.put(key, new Looks(null, focus, picture));
    }

    private void lineB(String line) {
        Outcome b = parse(line);
        if (b != null) {
            Side a = sideA.remove(Key.of(b));
            if (a != null) {
                problemLines.passed(a.number()); // B has said its problems of the input: A's not said by B too go out
            }
            emit(a, new Side(line, b, -1));
        }
    }

    /** Prints one compare line: model A's side (null when it gave none) and model B's (null likewise). */
    private synchronized void emit(Side a, Side sideB) {
        Outcome b = sideB == null ? null : sideB.outcome();
        Side named = a != null ? a : sideB;
        Key key = Key.of(named.outcome());
        Looks l = looks.remove(key);
        Focus focus = l == null ? null : l.focus();
        Verdict v = Verdict.of(a == null ? null : a.outcome(), b);
        JsonObject record = Comparison.line(side(a), side(sideB), focus, l == null ? null : l.picture());
        JsonObject compare = record.getAsJsonObject("compare");
        Double distance = focus == null ? null : focus.distance();
        if (b instanceof Mapped mb && a != null && a.outcome() instanceof Mapped ma) {
            Path earlier = EarlierCompare.of(ComparePicture.path(mb, settings.out(), settings.outB()));
            if (focus != null) {
                try {
                    EarlierCompare.write(earlier, record.toString());
                } catch (IOException e) {
                    problems.incrementAndGet();
                    err.println("occlude: " + earlier + ": cannot write the compare record (" + e.getMessage() + ")");
                }
            } else if ((ma.existing() || mb.existing()) && Comparison.compareClass(settings.fixedClass(), ma) != null
                    && EarlierCompare.reuse(earlier, ma, mb, Comparison.compareClass(settings.fixedClass(), ma), compare)) {
                distance = compare.get("focus_distance").isJsonNull() ? null : compare.get("focus_distance").getAsDouble();
            }
        }
        out.println(record);
        out.flush();
        if (settings.report().isPresent()) {
            records.add(record);
        }
        compared++;
        Outcome o = named.outcome();
        tally.add(o.frame() == null ? o.image() : o.image() + " @ " + o.frame().time() + " s",
                a == null ? null : a.outcome(), b, v, distance);
        for (String condition : settings.gate().tripped(v, distance)) {
            gateHeld.merge(condition, 1, Integer::sum);
        }
    }

    private static Comparison.Side side(Side s) {
        return s == null ? new Comparison.Side(null, null, null, null) : new Comparison.Side(s.line(), s.outcome(), null, null);
    }

    private static Outcome parse(String line) {
        try {
            return ResultCodec.fromLine(line);
        } catch (IOException e) {
            return null; // not a result line
        }
    }
}
