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
 */
public record Mapped(String image, Frame frame, Classification classification, ClassRef target, ScanFacts scan,
                     FillSpec fill, MinPatch min, Outputs outputs, double seconds, MapKind map, List<SizeResult> sizes,
                     Outputs combined, List<ClassResult> classes, List<PassResult> passes, Label label,
                     boolean existing, String settings, Box region, Flips flips, Metrics metrics, Pointing pointing,
                     Source source, MinPatch max, Scale scale)
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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this outcome's parts. */
    public Builder toBuilder() {
        return new Builder().image(image).frame(frame).classification(classification).target(target).scan(scan)
                .fill(fill).min(min).outputs(outputs).seconds(seconds).map(map).sizes(sizes).combined(combined)
                .classes(classes).passes(passes).label(label).existing(existing).settings(settings).region(region)
                .flips(flips).metrics(metrics).pointing(pointing).source(source)
                .max(max).scale(scale);
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

    /** Builds a {@link Mapped} part by part (DJL style). */
    public static final class Builder {
        private String image;
        private Frame frame;
        private Classification classification;
        private ClassRef target;
        private ScanFacts scan;
        private FillSpec fill;
        private MinPatch min;
        private Outputs outputs;
        private double seconds;
        private MapKind map = MapKind.PROBABILITY;
        private List<SizeResult> sizes = List.of();
        private Outputs combined;
        private List<ClassResult> classes = List.of();
        private List<PassResult> passes = List.of();
        private Label label;
        private boolean existing;
        private String settings;
        private Box region;
        private Flips flips;
        private Metrics metrics;
        private Pointing pointing;
        private Source source;
        private MinPatch max;
        private Scale scale;

        private Builder() {}

        /** @param v the input's path as given; @return this builder */
        public Builder image(String v) {
            image = v;
            return this;
        }

        /** @param v the video's frame, or null; @return this builder */
        public Builder frame(Frame v) {
            frame = v;
            return this;
        }

        /** @param v the clean image's size, model and prediction; @return this builder */
        public Builder classification(Classification v) {
            classification = v;
            return this;
        }

        /** @param v the mapped class; @return this builder */
        public Builder target(ClassRef v) {
            target = v;
            return this;
        }

        /** @param v how the main map was scanned; @return this builder */
        public Builder scan(ScanFacts v) {
            scan = v;
            return this;
        }

        /** @param v what hidden pixels became; @return this builder */
        public Builder fill(FillSpec v) {
            fill = v;
            return this;
        }

        /** @param v the main map's minimum patch; @return this builder */
        public Builder min(MinPatch v) {
            min = v;
            return this;
        }

        /** @param v the main map's files; @return this builder */
        public Builder outputs(Outputs v) {
            outputs = v;
            return this;
        }

        /** @param v seconds spent on the image; @return this builder */
        public Builder seconds(double v) {
            seconds = v;
            return this;
        }

        /** @param v what the maps hold; @return this builder */
        public Builder map(MapKind v) {
            map = v;
            return this;
        }

        /** @param v one entry per patch size; @return this builder */
        public Builder sizes(List<SizeResult> v) {
            sizes = v;
            return this;
        }

        /** @param v the mean map's files, or null; @return this builder */
        public Builder combined(Outputs v) {
            combined = v;
            return this;
        }

        /** @param v one entry per mapped class; @return this builder */
        public Builder classes(List<ClassResult> v) {
            classes = v;
            return this;
        }

        /** @param v one entry per pass; @return this builder */
        public Builder passes(List<PassResult> v) {
            passes = v;
            return this;
        }

        /** @param v the true class, or null; @return this builder */
        public Builder label(Label v) {
            label = v;
            return this;
        }

        /** @param v whether re-emitted from an earlier run; @return this builder */
        public Builder existing(boolean v) {
            existing = v;
            return this;
        }

        /** @param v the settings digest; @return this builder */
        public Builder settings(String v) {
            settings = v;
            return this;
        }

        /** @param v the region of interest, or null; @return this builder */
        public Builder region(Box v) {
            region = v;
            return this;
        }

        /** @param v the class-change figures; @return this builder */
        public Builder flips(Flips v) {
            flips = v;
            return this;
        }

        /** @param v the faithfulness curves, or null; @return this builder */
        public Builder metrics(Metrics v) {
            metrics = v;
            return this;
        }

        /** @param v the pointing game's verdict, or null; @return this builder */
        public Builder pointing(Pointing v) {
            pointing = v;
            return this;
        }

        /** @param v the input file as it was read, or null; @return this builder */
        public Builder source(Source v) {
            source = v;
            return this;
        }

        /** @param v the patch that raises a class other than the prediction most, or null; @return this builder */
        public Builder max(MinPatch v) {
            max = v;
            return this;
        }

        /** @param v the colour scale the pictures used, or null; @return this builder */
        public Builder scale(Scale v) {
            scale = v;
            return this;
        }

        /** @return the outcome */
        public Mapped build() {
            return new Mapped(image, frame, classification, target, scan, fill, min, outputs, seconds, map, sizes,
                    combined, classes, passes, label, existing, settings, region, flips, metrics, pointing,
                    source, max, scale);
        }
    }
}
