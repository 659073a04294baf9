package dev.occlude.cli;

import dev.occlude.batch.BatchOptions;
import dev.occlude.io.Regions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the patches go: {@code --region} for every image or {@code --regions} per image, one at a
 * time (a picocli exclusive group, so picocli refuses both in one line), each checked here.
 */
final class RegionOptions {
    @Option(names = "--region", paramLabel = "X,Y,W,H", split = ",")
    List<Integer> region;

    @Option(names = "--regions", paramLabel = "FILE.csv")
    Path file;

    /**
     * The regions {@code given} (null: none) as the run's source; a --region without area is a usage
     * error naming it, the --regions file read now (its problems are an IOException naming it).
     */
    static BatchOptions.RegionSource source(RegionOptions given, CommandSpec spec) throws IOException {
        if (given == null) {
            return BatchOptions.RegionSource.NONE;
        }
        if (given.region != null) {
            if (given.region.size() != 4 || given.region.get(2) < 1 || given.region.get(3) < 1) {
                throw new ParameterException(spec.commandLine(), "--region takes X,Y,W,H with W and H at least 1, got "
                        + given.region);
            }
            return BatchOptions.RegionSource.fixed(given.region);
        }
        return Regions.read(given.file)::find;
    }
}
