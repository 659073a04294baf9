package dev.occlude.batch;

import dev.occlude.io.Labels;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.picture.OutputFiles;
import dev.occlude.result.Outcome;
import dev.occlude.result.Source;
import dev.occlude.result.VideoRecord;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** What the feeder made of one input, ready for the run's thread; its labels found once, carried with it. */
sealed interface FeedItem {
    /** An input that cannot be used: why, in one line naming it. */
    record Refused(Input input, String problem) implements FeedItem {}

    /** An image whose outputs are whole and made with the same settings: its earlier outcome; its labels. */
    record Resumed(Input input, Outcome earlier, Labels.ForInput labels) implements FeedItem {}

    /** An image decoded and preprocessed, ready to map; {@code seconds} it took; its labels. */
    record Decoded(Input input, OutputFiles files, BufferedImage image, PreparedImage prepared, Source source,
                   double seconds, Labels.ForInput labels) implements FeedItem {}

    /** A file named a second time (by another path or link): mapped once, under {@code first}. */
    record Duplicate(Input input, Path first) implements FeedItem {}

    /** A video, decoded as it is mapped; {@code earlier}: its finished record when resuming, else null; its labels. */
    record Video(Input input, OutputFiles files, VideoRecord earlier, Labels.ForInput labels) implements FeedItem {}

    /** No more inputs. */
    record End() implements FeedItem {}
}
