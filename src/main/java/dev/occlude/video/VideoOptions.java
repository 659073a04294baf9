package dev.occlude.video;


/**
 * What a run does with a video input.
 *
 * @param sampling which frames are mapped
 * @param keepFrames keep each sampled frame's outputs (NAME.t000012.500.occlusion.*) beside the video's
 * @param fps the annotated video's frame rate; null: one frame per sampling interval (the video's own pace)
 */
public record VideoOptions(Sampling sampling, boolean keepFrames, Double fps) {
    /** One frame a second, frames not kept, the video's pace. */
    public static final VideoOptions DEFAULT = new VideoOptions(Sampling.DEFAULT, false, null);

    /** What the video's own outputs depend on beyond the frames' settings, kept in its record. */
    public String key() {
        return sampling.label() + " from " + sampling.from() + " to " + sampling.to() + (keepFrames ? " frames" : "")
                + (fps != null ? " fps " + fps : "");
    }
}
