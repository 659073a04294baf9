package dev.occlude.cli;

import dev.occlude.model.Classifier;
import dev.occlude.model.DefaultModel;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelFolders;
import dev.occlude.model.score.ModelException;
import dev.occlude.options.ExitCodes;
import dev.occlude.options.PixelLimitOption;
import dev.occlude.serve.ServeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code occlude serve}: the local page where the patch follows the mouse (dev.occlude.serve). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Serves a local web page on which a patch follows the mouse over a frame and every class's "
                + "probability follows it; patches can be kept hidden, and full maps computed with a progress bar. "
                + "The page's HTTP API is in docs/SERVE.md. The page's address is printed on stdout; Ctrl-C stops."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR|RESULTS.jsonl", arity = "0..*",
            description = "Folders whose images the page lists (and only those files are served), and earlier runs' "
                    + "results (JSON lines), whose mapped images are listed with their records and pictures; none: "
                    + "uploads only.")
    List<Path> inputs = new ArrayList<>();

    private final List<Path> folders = new ArrayList<>();
    private final List<Path> results = new ArrayList<>();

    @Option(names = "--model", paramLabel = "DIR|NAME", completionCandidates = ModelNames.class,
            description = "The model directory, or a model's name (occlude models lists them); default: the shipped one. "
                    + "Twice: the page shows both models side by side on the same frame.")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). Every request needs "
                    + "the random token of the address printed at start.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8321",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-upload", paramLabel = "BYTES", defaultValue = "52428800",
            description = "The largest image that may be uploaded, in bytes (default: ${DEFAULT-VALUE}).")
    long maxUpload;

    @Mixin
    PixelLimitOption pixels;

    /** Read by Main before the libraries load: their logs (DJL, Javalin, Jetty) at INFO on stderr. */
    @Option(names = "--verbose", description = "The libraries' own logs (DJL, the web server) on stderr as well.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        for (Path f : inputs) {
            if (Files.isDirectory(f)) {
                folders.add(f);
            } else if (Files.isRegularFile(f) && Files.isReadable(f)) {
                results.add(f);
            } else {
                throw new ParameterException(spec.commandLine(), f + ": not a folder, nor a readable results file");
            }
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
        }
        checkHost();
        if (maxUpload < 1) {
            throw new ParameterException(spec.commandLine(), "--max-upload must be at least 1 byte, got " + maxUpload);
        }
        long maxPixels = pixels.limit().pixels();
        if (models.size() > 2) {
            throw new ParameterException(spec.commandLine(), "--model is given at most twice (two models side by side), "
                    + "got " + models.size());
        }
        List<ModelDirectory> dirs = new ArrayList<>();
        try {
            if (models.isEmpty()) {
                dirs.add(ModelDirectory.open(DefaultModel.locate()));
            }
            for (String m : models) {
                dirs.add(ModelDirectory.open(ModelFolders.resolve(m)));
            }
        } catch (ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Classifier> loaded = new ArrayList<>();
        try {
            List<ServeServer.Model> served = new ArrayList<>();
            for (ModelDirectory dir : dirs) {
                Classifier c = Classifier.load(dir);
                loaded.add(c);
                served.add(new ServeServer.Model(c, dir));
            }
            return serve(served, maxPixels, err);
        } catch (ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            loaded.forEach(Classifier::close);
        }
    }

    /** An address this machine can listen on, or one line and exit 2 (not the web server's guess at a taken port). */
    private void checkHost() {
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host is empty; give an address such as 127.0.0.1");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host " + host + ": no such address");
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new ParameterException(spec.commandLine(), "--host " + host
                        + " is not an address of this machine; 127.0.0.1 (this machine only) or 0.0.0.0 (every address)");
            }
        } catch (SocketException e) {
            throw new ParameterException(spec.commandLine(), "--host " + host + ": cannot list this machine's addresses ("
                    + e.getMessage() + ")");
        }
    }

    /** Serves until the process is stopped (SIGINT, SIGTERM): the shutdown hook closes the server. */
    private int serve(List<ServeServer.Model> served, long maxPixels, PrintWriter err) throws InterruptedException {
        ServeServer server;
        try {
            server = ServeServer.start(served, new ServeServer.Config(folders, results, host, port, maxPixels,
                    maxUpload));
        } catch (IOException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "occlude-serve-stop"));
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        spec.commandLine().getOut().println(server.url(shown));
        spec.commandLine().getOut().flush();
        String names = String.join(" and ", served.stream().map(m -> m.dir().name()
                + (m.classifier().incremental().isPresent() ? " (incremental inference)" : "")).toList());
        server.problems().forEach(p -> err.println("occlude: " + p + "; left out"));
        int count = server.frameCount();
        err.println("occlude serve: model " + names + "; " + (inputs.isEmpty() ? "uploads only"
                : (count == 0 ? "no images" : count == 1 ? "1 frame" : count + " frames") + " in " + inputs) + "; every request needs the token in this address; Ctrl-C stops");
        stopped.await();
        return ExitCodes.OK;
    }
}
