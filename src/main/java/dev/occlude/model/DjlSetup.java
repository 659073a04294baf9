package dev.occlude.model;

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
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // DJL probes for CUDA on every start and warns when there is none: not news on a CPU machine
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "info" : "error");
        // ONNX Runtime likewise warns on every load that it found no CUDA provider
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", verbose ? "info" : "error");
    }
}
