package dev.occlude.result;

import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import java.util.List;

/** Builds a {@link Mapped} part by part (DJL style). */
public final class MappedBuilder {
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
    private Triage triage;
    private PassesStop passesStop;

    MappedBuilder() {}

    /** @param v the input's path as given; @return this builder */
    public MappedBuilder image(String v) {
        image = v;
        return this;
    }

    /** @param v the video's frame, or null; @return this builder */
    public MappedBuilder frame(Frame v) {
        frame = v;
        return this;
    }

    /** @param v the clean image's size, model and prediction; @return this builder */
    public MappedBuilder classification(Classification v) {
        classification = v;
        return this;
    }

    /** @param v the mapped class; @return this builder */
    public MappedBuilder target(ClassRef v) {
        target = v;
        return this;
    }

    /** @param v how the main map was scanned; @return this builder */
    public MappedBuilder scan(ScanFacts v) {
        scan = v;
        return this;
    }

    /** @param v what hidden pixels became; @return this builder */
    public MappedBuilder fill(FillSpec v) {
        fill = v;
        return this;
    }

    /** @param v the main map's minimum patch; @return this builder */
    public MappedBuilder min(MinPatch v) {
        min = v;
        return this;
    }

    /** @param v the main map's files; @return this builder */
    public MappedBuilder outputs(Outputs v) {
        outputs = v;
        return this;
    }

    /** @param v seconds spent on the image; @return this builder */
    public MappedBuilder seconds(double v) {
        seconds = v;
        return this;
    }

    /** @param v what the maps hold; @return this builder */
    public MappedBuilder map(MapKind v) {
        map = v;
        return this;
    }

    /** @param v one entry per patch size; @return this builder */
    public MappedBuilder sizes(List<SizeResult> v) {
        sizes = v;
        return this;
    }

    /** @param v the mean map's files, or null; @return this builder */
    public MappedBuilder combined(Outputs v) {
        combined = v;
        return this;
    }

    /** @param v one entry per mapped class; @return this builder */
    public MappedBuilder classes(List<ClassResult> v) {
        classes = v;
        return this;
    }

    /** @param v one entry per pass; @return this builder */
    public MappedBuilder passes(List<PassResult> v) {
        passes = v;
        return this;
    }

    /** @param v the true class, or null; @return this builder */
    public MappedBuilder label(Label v) {
        label = v;
        return this;
    }

    /** @param v whether re-emitted from an earlier run; @return this builder */
    public MappedBuilder existing(boolean v) {
        existing = v;
        return this;
    }

    /** @param v the settings digest; @return this builder */
    public MappedBuilder settings(String v) {
        settings = v;
        return this;
    }

    /** @param v the region of interest, or null; @return this builder */
    public MappedBuilder region(Box v) {
        region = v;
        return this;
    }

    /** @param v the class-change figures; @return this builder */
    public MappedBuilder flips(Flips v) {
        flips = v;
        return this;
    }

    /** @param v the faithfulness curves, or null; @return this builder */
    public MappedBuilder metrics(Metrics v) {
        metrics = v;
        return this;
    }

    /** @param v the pointing game's verdict, or null; @return this builder */
    public MappedBuilder pointing(Pointing v) {
        pointing = v;
        return this;
    }

    /** @param v the input file as it was read, or null; @return this builder */
    public MappedBuilder source(Source v) {
        source = v;
        return this;
    }

    /** @param v the patch that raises a class other than the prediction most, or null; @return this builder */
    public MappedBuilder max(MinPatch v) {
        max = v;
        return this;
    }

    /** @param v the colour scale the pictures used, or null; @return this builder */
    public MappedBuilder scale(Scale v) {
        scale = v;
        return this;
    }

    /** @param v for a labelled mistake, its kind and evidence, or null; @return this builder */
    public MappedBuilder triage(Triage v) {
        triage = v;
        return this;
    }

    /** @param v why the passes stopped before the number asked for, or null; @return this builder */
    public MappedBuilder passesStop(PassesStop v) {
        passesStop = v;
        return this;
    }

    /** @return the outcome */
    public Mapped build() {
        return new Mapped(image, frame, classification, target, scan, fill, min, outputs, seconds, map, sizes,
                combined, classes, passes, label, existing, settings, region, flips, metrics, pointing,
                source, max, scale, triage, passesStop);
    }
}
