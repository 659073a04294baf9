package dev.occlude.result;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * A video's outcome, kept in {@code NAME.occlusion.json} when the video is done (its presence,
 * with the same settings, is what resuming skips on). Its frames' lines are kept in it, so that
 * a resumed run can emit them again when the frames' own files were not kept.
 *
 * @param video the input's path as given
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param duration the video's declared length in seconds
 * @param frameRate the video's declared frame rate
 * @param every the sampling: "1s", "0.5s", "30f"
 * @param from the start of the mapped range in seconds
 * @param to the end of the mapped range in seconds; null: the end
 * @param frames how many sampled frames were mapped (with --only-mistakes, fewer than the lines)
 * @param outputs the annotated video and the timeline; null when no frame was mapped
 * @param settings the frames' settings digest
 * @param videoSettings what else made the video's outputs (sampling, frames kept, frame rate)
 * @param error why decoding stopped early (a cut or damaged file); null when the video was read to its end
 * @param results the sampled frames' lines, mapped or not
 * @param source the video file as it was read (what resuming checks)
 */
public record VideoRecord(String video, int width, int height, double duration,
                          @SerializedName("frame_rate") double frameRate, String every, double from, Double to,
                          int frames, VideoFiles outputs, String settings,
                          @SerializedName("video_settings") String videoSettings, String error,
                          List<Outcome> results, Source source) {

    /** The video's own files. */
    public record VideoFiles(String video, String timeline) {}
}
