package dev.occlude.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanMethod;
import dev.occlude.render.Colormap;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The resume digest: its text pinned character by character (a renamed field, enum constant or a
 * changed toString cannot change every digest, and redo every resumed image, without this failing),
 * each setting that changes results changing it, and what changes speed never given to it.
 */
class SettingsKeyTest {
    private static final AnalysisPlan PLAN = AnalysisPlan.builder(List.of(new PatchSize(32, 16), new PatchSize(16, 8)))
            .combine(true).passes(2).stopBelow(0.25).kind(MapKind.DROP).metrics(5, 7).build();
    private static final OverlayStyle STYLE = new OverlayStyle(Colormap.INFERNO, 0.45, Optional.of(new double[] {0, 1}),
            OverlayRenderer.Look.FOCUS);
    private static final ScanMethod METHOD = new ScanMethod(FillSpec.parse("0.5", 8, 0), false);

    private static PictureSettings options() {
        return PictureSettings.of(PLAN, STYLE).withTargetClass("red");
    }

    @Test
    void theTextAndDigestAreThoseEarlierRunsWrote() {
        assertEquals("model=abc|sizes=[PatchSize[patch=32, stride=16], PatchSize[patch=16, stride=8]]|combine=true"
                + "|everyClass=false|passes=2|stopBelow=0.25|worst=false|kind=DROP|class=red"
                + "|fill=FillSpec[kind=GREY, grey=0.5, rgb=0, sigma=0.0, seed=0]|metrics=5/7|flips=false|table=false"
                + "|refine=false|colormap=INFERNO|alpha=0.45|look=FOCUS|scale=[0.0, 1.0]",
                SettingsKey.text("abc", options(), METHOD));
        assertEquals(GOLDEN, SettingsKey.of("abc", options(), METHOD),
                "the digest of these settings must not change: resumed runs would redo every image");
    }

    /** The digest of the settings above, as the code wrote it before the text was spelled out field by field. */
    private static final String GOLDEN = "0d6c09a6d9dff6c7";

    @Test
    void everyConstantDigestedIsPinned() {
        // a constant renamed or added changes the digests of the runs that use it: decide, then write it here
        assertEquals(Set.of("PROBABILITY", "DROP"), names(MapKind.values()));
        assertEquals(Set.of("FOCUS", "ARTICLE"), names(OverlayRenderer.Look.values()));
        assertEquals(Set.of("AFMHOT", "VIRIDIS", "INFERNO", "GRAY"), names(Colormap.values()));
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> out = new TreeSet<>();
        for (Enum<?> v : values) {
            out.add(v.name());
        }
        return out;
    }

    @Test
    void eachSettingThatChangesResultsChangesTheDigest() {
        String base = SettingsKey.of("abc", options(), METHOD);
        assertNotEquals(base, SettingsKey.of("abd", options(), METHOD), "model");
        assertNotEquals(base, SettingsKey.of("abc", options().withTargetClass("green"), METHOD), "class");
        assertNotEquals(base, SettingsKey.of("abc", new PictureSettings(PLAN, STYLE, java.util.Optional.of("red"), false, true, false, dev.occlude.eval.MistakeTriage.Rules.DEFAULT), METHOD), "table");
        assertNotEquals(base, SettingsKey.of("abc", new PictureSettings(PLAN, STYLE, java.util.Optional.of("red"), true, false, false, dev.occlude.eval.MistakeTriage.Rules.DEFAULT), METHOD), "flips");
        assertNotEquals(base, SettingsKey.of("abc", options(), new ScanMethod(METHOD.fill(), true)), "refine");
        assertNotEquals(base, SettingsKey.of("abc", options(), new ScanMethod(FillSpec.parse("mean", 8, 0),
                false)), "fill");
        AnalysisPlan other = AnalysisPlan.builder(List.of(new PatchSize(32, 8), new PatchSize(16, 8))).combine(true)
                .passes(2).stopBelow(0.25).kind(MapKind.DROP).metrics(5, 7).build();
        assertNotEquals(base, SettingsKey.of("abc", PictureSettings.of(other, STYLE).withTargetClass("red"),
                METHOD), "a stride");
        OverlayStyle article = new OverlayStyle(Colormap.INFERNO, 0.45, Optional.of(new double[] {0, 1}),
                OverlayRenderer.Look.ARTICLE);
        assertNotEquals(base, SettingsKey.of("abc", PictureSettings.of(PLAN, article).withTargetClass("red"),
                METHOD), "look");
    }
}
