package dev.occlude.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.io.PngFiles;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.VideoRecord;
import dev.occlude.video.ClipMaker;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video through the batch on a fake model: a line per sampled frame, then the video's own files and record. */
class VideoAssemblyTest {
    @TempDir
    Path tmp;

    @Test
    void sampledFramesBecomeLinesAnAnnotatedVideoATimelineAndARecord() throws Exception {
        BufferedImage lit = ImageIO.read(FakeBatch.scene(tmp.resolve("lit.png"), true).toFile());
        BufferedImage dark = ImageIO.read(FakeBatch.scene(tmp.resolve("dark.png"), false).toFile());
        Path clip = tmp.resolve("drive.mp4");
        ClipMaker.stills(clip, List.of(lit, dark), 10, 30, 10); // 3 s at 10 fps: lit, dark, lit
        Path out = tmp.resolve("out");
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(out).build(), clip.toString());
        assertEquals(0, run.totals().failed(), run.toString());
        List<Mapped> frames = new ArrayList<>();
        for (String line : run.lines()) {
            frames.add(assertInstanceOf(Mapped.class, ResultCodec.fromLine(line)));
        }
        assertEquals(3, frames.size(), "one frame a second");
        for (int i = 0; i < 3; i++) {
            Mapped f = frames.get(i);
            assertEquals(clip.toString(), f.image());
            assertNotNull(f.frame());
            assertEquals(i * 10, f.frame().index());
            assertEquals(i, f.frame().time(), 1e-9);
            assertEquals(i == 1 ? "none" : "light", f.classification().prediction().className(), "lit, dark, lit");
            assertEquals(i == 1 ? "none" : "light", f.classification().prediction().className());
            assertEquals(Outputs.ofVideo(out.resolve("drive.occlusion.mp4").toString(),
                    out.resolve("drive.timeline.png").toString()), f.outputs(), "a frame whose files are not kept names the video's");
        }
        assertTrue(Files.size(out.resolve("drive.occlusion.mp4")) > 0);
        assertTrue(PngFiles.isComplete(out.resolve("drive.timeline.png")));
        VideoRecord record = ResultCodec.videoFromJson(Files.readString(out.resolve("drive.occlusion.json")));
        assertEquals(3, record.frames());
        List<Outcome> kept = record.results();
        assertEquals(run.lines(), kept.stream().map(ResultCodec::toLine).toList(), "the record keeps the lines");
        assertTrue(!Files.exists(out.resolve("drive.frames.partial")), "the frames' work folder is gone");

        FakeBatch.Run resumed = FakeBatch.run(FakeBatch.options(out).skipExisting(true).build(), clip.toString());
        assertEquals(3, resumed.lines().size());
        assertTrue(resumed.lines().stream().allMatch(l -> l.contains("\"existing\":true")), resumed.toString());
    }
}
