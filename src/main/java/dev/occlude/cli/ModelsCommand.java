package dev.occlude.cli;

import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.score.Staging;
import dev.occlude.model.ModelFolders;
import dev.occlude.model.preprocess.Geometry;
import dev.occlude.model.score.ModelException;
import dev.occlude.options.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code occlude models}: the models --model NAME finds, with what each takes and gives. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Lists the models --model NAME finds: those in the folders of $OCCLUDE_MODEL_PATH, then the "
                + "shipped ones; for each, its engine, whether it is staged for incremental inference, the input the "
                + "network sees for a 455x256 frame, its classes and its folder."})
final class ModelsCommand implements Callable<Integer> {
    /** Classes shown per model before the count stands for the rest. */
    private static final int SHOWN = 8;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> dirs = ModelFolders.all();
        if (dirs.isEmpty()) {
            err.println("occlude: no models in " + ModelFolders.folders());
            return ExitCodes.FAILED;
        }
        int failed = 0;
        for (Path dir : dirs) {
            try {
                ModelDirectory m = ModelDirectory.open(dir);
                Geometry g = m.preprocessing().typicalGeometry();
                List<String> c = m.classes();
                String classes = c.size() <= SHOWN ? String.join(", ", c)
                        : String.join(", ", c.subList(0, SHOWN)) + ", ... (" + c.size() + " in all)";
                out.printf(Locale.ROOT, "%s%n  engine %s%s; input %dx%d; classes %s%n  %s%n", m.name(), m.engine(),
                        staging(m, g), g.inputWidth(),
                        g.inputHeight(), classes, dir);
            } catch (ModelException e) {
                err.println("occlude: " + e.getMessage());
                failed++;
            }
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** ", fully staged, 97% of its multiply-adds incremental, bound 4.15x at --patch 64 (incremental inference)". */
    private static String staging(ModelDirectory m, Geometry g) {
        if (m.stages().isEmpty()) {
            return "";
        }
        Staging s = Classifier.staging(m);
        return ", " + s.describe() + (s.faster() ? " (incremental inference)" : " (full passes: they are faster)");
    }
}
