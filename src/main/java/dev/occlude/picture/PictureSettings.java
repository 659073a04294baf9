package dev.occlude.picture;

import dev.occlude.eval.MistakeTriage;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.render.OverlayStyle;
import java.util.List;
import java.util.Optional;

/**
 * What each picture gets, whichever front end maps it (the command line's run, a Spark task,
 * occlude serve's map job): the plan of maps, the look, the class, the extra pictures and how a
 * label's mistakes are told apart. Where inputs come from and where outputs go are the front
 * end's ({@code batch.BatchOptions} for the command line).
 *
 * @param plan which maps each picture gets
 * @param style how they are drawn
 * @param targetClass the class to map, {@link #TRUE_CLASS} for each picture's label, or empty for
 *     each picture's predicted class
 * @param flipPicture also write NAME.flip.png, where hiding a patch changes the predicted class
 * @param table also write NAME.patches.csv, every variant's patch and probabilities
 * @param onlyMistakes with labels: map only the pictures the model gets wrong
 * @param triage with labels, how mistakes are told apart (the focus threshold, the class meaning no object)
 */
public record PictureSettings(AnalysisPlan plan, OverlayStyle style, Optional<String> targetClass, boolean flipPicture,
                              boolean table, boolean onlyMistakes, MistakeTriage.Rules triage) {
    /** The target class that means each picture's true class, from the labels file. */
    public static final String TRUE_CLASS = "true";

    /** The plan and look, each picture's predicted class, no extra pictures, every picture mapped. */
    public static PictureSettings of(AnalysisPlan plan, OverlayStyle style) {
        return new PictureSettings(plan, style, Optional.empty(), false, false, false, MistakeTriage.Rules.DEFAULT);
    }

    /** The same settings mapping {@code target} (null: each picture's predicted class). */
    public PictureSettings withTargetClass(String target) {
        return new PictureSettings(plan, style, Optional.ofNullable(target), flipPicture, table, onlyMistakes, triage);
    }

    /** The same settings telling mistakes apart by {@code rules}. */
    public PictureSettings withTriage(MistakeTriage.Rules rules) {
        return new PictureSettings(plan, style, targetClass, flipPicture, table, onlyMistakes, rules);
    }

    /** Whether each picture maps its true class (unless the model has a class named "true"). */
    public boolean mapsTrueClass(List<String> classes) {
        return meansTrueClass(targetClass.orElse(null), classes);
    }

    /** Whether a --class value asks for each picture's true class, for a model with these classes. */
    public static boolean meansTrueClass(String target, List<String> classes) {
        return TRUE_CLASS.equals(target) && !classes.contains(TRUE_CLASS);
    }
}
