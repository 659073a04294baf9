package dev.occlude.model;

import java.util.Map;

/**
 * The process-wide settings every entry point makes before DJL loads: never download anything
 * (natives and models come from the build and the model directory), and log to stderr only,
 * warnings unless verbose, so stdout stays for results.
 */
public final class DjlSetup {
    private DjlSetup() {}

    /** Call before the first DJL class is used. */
    public static void configure(boolean verbose) {
        System.setProperty("ai.djl.offline", "true");
        settings(verbose).forEach(System::setProperty);
    }

    /**
     * The same quiet settings for a program that uses the library and set none of its own (a
     * setting it made is kept): called when a model is first opened or loaded, so that DJL's
     * INFO lines do not reach the program's stderr. Logging configured another way (another
     * slf4j binding) is the program's own business.
     */
    public static void quietUnlessConfigured() {
        System.setProperty("ai.djl.offline", "true");
        settings(false).forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }

    private static Map<String, String> settings(boolean verbose) {
        return Map.of(
                "org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn",
                "org.slf4j.simpleLogger.logFile", "System.err",
                // DJL probes for CUDA on every start and warns when there is none: not news on a CPU machine
                "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "info" : "error",
                // ONNX Runtime likewise warns on every load that it found no CUDA provider
                "org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", verbose ? "info" : "error",
                "org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtModel", verbose ? "info" : "warn",
                // occlude serve's web server: what fails (a port in use) occlude says in its own line
                "org.slf4j.simpleLogger.log.io.javalin", verbose ? "info" : "off",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", verbose ? "info" : "off");
    }
}
