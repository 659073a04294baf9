package dev.occlude.occlusion;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * scripts/export_incremental.py on several model directories in one Python process, each as the
 * script's own {@code run} wraps it (its exit code, its one line on failure): Python and torch are
 * imported once instead of twice per model (the wrapper's check, then the script). ExporterTest
 * runs scripts/export-incremental itself, as a user does.
 */
final class StagingInOneProcess {
    private static final String DRIVER = String.join("\n",
            "import contextlib, io, json, sys",
            "sys.path.insert(0, sys.argv[1])",
            "import export_incremental, model_dir",
            "pairs = sys.argv[2:]",
            "for src, out in zip(pairs[0::2], pairs[1::2]):",
            "    said, code = io.StringIO(), 0",
            "    sys.argv = ['export_incremental.py', src, out]",
            "    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):",
            "        try:",
            "            model_dir.run('export-incremental', export_incremental.main)",
            "        except SystemExit as e:",
            "            code = e.code or 0",
            "    print(json.dumps({'out': out, 'code': code, 'said': said.getvalue().strip()}), flush=True)");

    private StagingInOneProcess() {}

    /**
     * Stages each model directory (key) into its output (value); per output, the exit code the
     * script would give, a newline, and what it said.
     */
    static Map<Path, String> stage(Map<Path, Path> directories) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", DRIVER,
                TestData.project("scripts").toString()));
        directories.forEach((in, out) -> command.addAll(List.of(in.toString(), out.toString())));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the staging process failed: " + printed);
        }
        Map<Path, String> said = new HashMap<>();
        for (String line : printed.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            said.put(Path.of(o.get("out").getAsString()), o.get("code").getAsInt() + "\n" + o.get("said").getAsString());
        }
        return said;
    }
}
