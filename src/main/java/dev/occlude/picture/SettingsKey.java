package dev.occlude.picture;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanMethod;
import dev.occlude.render.OverlayStyle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The digest of everything that made an image's outputs: the model, the plan of maps, the class,
 * the scan's method (fill and refinement), the look. Batch size, workers, threads and incremental
 * inference are not given to it: they change speed, not results. Resuming redoes an image whose
 * record carries another digest.
 *
 * <p>The text digested is written out here field by field, never through a record's or a list's
 * {@code toString()}, so renaming a field cannot change every digest (and redo every resumed image)
 * without SettingsKeyTest failing. Its form is the one the digests have had since they were first
 * written, so earlier outputs still match.
 */
public final class SettingsKey {
    private SettingsKey() {}

    /** The digest (16 hex digits) of the model, the plan, the class, the method and the look. */
    public static String of(String modelFingerprint, PictureSettings options, ScanMethod method) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text(modelFingerprint, options, method).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** The text the digest is made of. */
    static String text(String modelFingerprint, PictureSettings options, ScanMethod method) {
        AnalysisPlan plan = options.plan();
        OverlayStyle style = options.style();
        return String.join("|",
                "model=" + modelFingerprint,
                "sizes=" + plan.sizes().stream().map(SettingsKey::size).collect(Collectors.joining(", ", "[", "]")),
                "combine=" + plan.combine(),
                "everyClass=" + plan.everyClass() + (plan.topClasses() > 0 ? "/top" + plan.topClasses() : ""),
                "passes=" + plan.passes(),
                "stopBelow=" + plan.stopBelow(),
                "worst=" + plan.worst(),
                "kind=" + plan.kind().name(),
                "class=" + options.targetClass().orElse("(predicted)"),
                "fill=" + method.fill().digestText(),
                "metrics=" + plan.metricSteps() + "/" + plan.seed(),
                "flips=" + options.flipPicture(),
                "table=" + options.table(),
                "refine=" + method.refine(),
                "colormap=" + style.colormap().name(),
                "alpha=" + style.alpha(),
                "look=" + style.look().name(),
                "scale=" + style.scale().map(Arrays::toString).orElse("auto"));
    }

    /** A patch size as the digests have always written it (once a record's toString). */
    private static String size(PatchSize s) {
        return "PatchSize[patch=" + s.patch() + ", stride=" + s.stride() + "]";
    }
}
