package dev.occlude.result;

import java.util.function.UnaryOperator;

/**
 * Files written for one map.
 *
 * @param overlay the PNG overlay
 * @param map the float32 .npy map
 * @param worst the worst variant's PNG, when asked for
 * @param flips the class-change picture, when asked for
 * @param table the per-patch CSV, when asked for
 * @param video for a video's frame, the video's annotated video (NAME.occlusion.mp4), written
 *     when the video is done
 * @param timeline for a video's frame, the video's timeline (NAME.timeline.png), written when
 *     the video is done
 */
public record Outputs(String overlay, String map, String worst, String flips, String table, String video,
                      String timeline) {
    /** An overlay and its map. */
    public Outputs(String overlay, String map) {
        this(overlay, map, null, null, null, null, null);
    }

    /** A video's own files. */
    public static Outputs ofVideo(String video, String timeline) {
        return new Outputs(null, null, null, null, null, video, timeline);
    }

    /** The same files and the video's own. */
    public Outputs withVideo(String newVideo, String newTimeline) {
        return new Outputs(overlay, map, worst, flips, table, newVideo, newTimeline);
    }

    /** Every path passed through {@code path} (a null result leaves the file out). */
    public Outputs map(UnaryOperator<String> path) {
        return new Outputs(apply(path, overlay), apply(path, map), apply(path, worst), apply(path, flips),
                apply(path, table), apply(path, video), apply(path, timeline));
    }

    private static String apply(UnaryOperator<String> path, String file) {
        return file == null ? null : path.apply(file);
    }
}
