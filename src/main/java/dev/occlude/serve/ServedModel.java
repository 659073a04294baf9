package dev.occlude.serve;

import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;

/** One model the server serves: its network, its probes and its map jobs. */
record ServedModel(int index, Classifier classifier, ModelDirectory dir, Prober prober, MapJobs jobs)
        implements AutoCloseable {
    @Override
    public void close() {
        jobs.close();
        prober.close();
    }
}
