package dev.occlude.batch;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.ScanSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The digest of everything that made an image's outputs: the model, the plan of maps, the class,
 * the fill and mode, the look. Batch size, workers and threads are left out: they change speed,
 * not results. Resuming redoes an image whose record carries another digest.
 */
public final class SettingsKey {
    private SettingsKey() {}

    /** The digest (16 hex digits) of the model, the plan, the class, the fill and mode and the look. */
    public static String of(String modelFingerprint, BatchOptions options, ScanSettings scan) {
        AnalysisPlan plan = options.plan();
        String text = String.join("|", "model=" + modelFingerprint, "sizes=" + plan.sizes(),
                "combine=" + plan.combine(), "everyClass=" + plan.everyClass() + (plan.topClasses() > 0 ? "/top" + plan.topClasses() : ""), "passes=" + plan.passes(),
                "stopBelow=" + plan.stopBelow(), "worst=" + plan.worst(), "kind=" + plan.kind(),
                "class=" + options.targetClass().orElse("(predicted)"), "fill=" + scan.fill().digestText(), "metrics=" + plan.metricSteps() + "/" + plan.seed(),
                "flips=" + options.flipPicture(), "table=" + options.table(), "refine=" + scan.refine(),
                "colormap=" + options.style().colormap(), "alpha=" + options.style().alpha(), "look=" + options.style().look(),
                "scale=" + options.style().scale().map(Arrays::toString).orElse("auto"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
