package dev.occlude.result;

import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An image (or a video's frame) classified and mapped, with the files written for it. Lists are
 * empty, not null, when the analysis did not run; build one with {@link #builder()}.
 *
 * @param image the input's path as given (for a video's frame, the video's)
 * @param frame for a video's frame, which one; else null
 * @param classification the clean image's size, model and prediction
 * @param target the mapped class
 * @param scan how the main map was scanned
 * @param fill what hidden pixels became
 * @param min the main map's minimum patch
 * @param outputs the files written; null when they are not named (a Spark row without overlays)
 * @param seconds decoding to written outputs, model loading excluded
 * @param map what the maps hold
 * @param sizes with several patch sizes, one entry each
 * @param combined with several sizes combined, the mean map's files (null otherwise)
 * @param classes with several classes mapped, one entry per class
 * @param passes with repeated occlusion, one entry per pass
 * @param label the true class, or null
 * @param existing whether re-emitted from an earlier run
 * @param settings a digest of everything that made the outputs: resuming redoes an image whose
 *     digest differs
 * @param region with a region of interest, the region (only patches meeting it were run); else null
 * @param flips how many patches change the predicted class when hidden, and to what
 * @param metrics deletion and insertion curves of the map, or null
 * @param pointing with labelled boxes, whether the minimum patch hits one; else null
 * @param source the input file as it was read (what resuming checks); null when not known
 * @param max when the mapped class is not the prediction, the patch that raises it most; else null
 * @param scale the colour scale the pictures used; null when no picture was drawn
 * @param triage for a labelled mistake, its kind and evidence; else null
 * @param passesStop why the passes stopped before the number asked for; null when all ran (or one was asked)
 */
public record Mapped(String image, Frame frame, Classification classification, ClassRef target, ScanFacts scan,
                     FillSpec fill, MinPatch min, Outputs outputs, double seconds, MapKind map, List<SizeResult> sizes,
                     Outputs combined, List<ClassResult> classes, List<PassResult> passes, Label label,
                     boolean existing, String settings, Box region, Flips flips, Metrics metrics, Pointing pointing,
                     Source source, MinPatch max, Scale scale, Triage triage, PassesStop passesStop)
        implements Outcome {
    /** Checks the parts every mapped image has. */
    public Mapped {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(map, "map");
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        classes = classes == null ? List.of() : List.copyOf(classes);
        passes = passes == null ? List.of() : List.copyOf(passes);
    }

    /** A builder with nothing set. */
    public static MappedBuilder builder() {
        return new MappedBuilder();
    }

    /** A builder holding this outcome's parts. */
    public MappedBuilder toBuilder() {
        return new MappedBuilder().image(image).frame(frame).classification(classification).target(target).scan(scan)
                .fill(fill).min(min).outputs(outputs).seconds(seconds).map(map).sizes(sizes).combined(combined)
                .classes(classes).passes(passes).label(label).existing(existing).settings(settings).region(region)
                .flips(flips).metrics(metrics).pointing(pointing).source(source)
                .max(max).scale(scale).triage(triage).passesStop(passesStop);
    }

    @Override
    public Mapped asExisting() {
        return toBuilder().existing(true).build();
    }

    @Override
    public Mapped asFrame(String video, Frame newFrame) {
        return toBuilder().image(video).frame(newFrame).build();
    }

    /** The same outcome with its true class. */
    public Mapped withLabel(Label newLabel) {
        return toBuilder().label(newLabel).build();
    }

    /** The same outcome with whether its minimum patch hits a labelled box. */
    public Mapped withPointing(Pointing newPointing) {
        return toBuilder().pointing(newPointing).build();
    }

    /** The same outcome with its mistake's kind. */
    public Mapped withTriage(Triage newTriage) {
        return toBuilder().triage(newTriage).build();
    }

    /**
     * The same outcome with {@code main} as its files and every other map's files passed through
     * {@code others} (null leaves them out; a combined map without files is left out whole).
     */
    public Mapped withOutputs(Outputs main, UnaryOperator<Outputs> others) {
        UnaryOperator<Outputs> o = x -> x == null ? null : others.apply(x);
        return toBuilder().outputs(main)
                .sizes(sizes.stream().map(z -> new SizeResult(z.patch(), z.stride(), z.variants(), z.min(),
                        o.apply(z.outputs()))).toList())
                .combined(o.apply(combined))
                .classes(classes.stream().map(c -> new ClassResult(c.className(), c.min(), c.max(), o.apply(c.outputs())))
                        .toList())
                .passes(passes.stream().map(p -> new PassResult(p.pass(), p.probability(), p.min(),
                        o.apply(p.outputs()))).toList())
                .build();
    }

    /** The same outcome read from {@code newSource}. */
    public Mapped withSource(Source newSource) {
        return toBuilder().source(newSource).build();
    }

    /** The clean probability of the mapped class. */
    public double cleanProbability() {
        return classification.prediction().probabilities().get(target.index());
    }
}
