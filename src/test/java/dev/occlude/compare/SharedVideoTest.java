package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.batch.Lockstep;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrame;
import dev.occlude.video.VideoFrames;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A video kept in step frame by frame ({@link Pairing}, {@link SharedVideo}) on a made-up reader:
 * each frame decoded once for both, B's frame after A's, A never more than a few frames ahead,
 * and the fallbacks (A stops mid-video, A's reader fails, A refuses the video, B stops early).
 * No model, no native code: the frames are counted where they are decoded.
 */
class SharedVideoTest {
    private static final int POSITION = 3;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger decoded = new AtomicInteger();
    private final AtomicInteger opens = new AtomicInteger();

    /** A video of {@code count} sampled frames (indices 0, 2, 4, ...), failing after {@code failAfter} when it is set. */
    private Lockstep.Opener video(int count, Integer failAfter) {
        return () -> {
            opens.incrementAndGet();
            return new VideoFrames() {
                private int next;

                @Override
                public int width() {
                    return 8;
                }

                @Override
                public int height() {
                    return 6;
                }

                @Override
                public double frameRate() {
                    return 4;
                }

                @Override
                public double duration() {
                    return count / 2.0;
                }

                @Override
                public VideoFrame next() throws VideoException {
                    if (failAfter != null && next == failAfter) {
                        throw new VideoException("drive.mp4: decoding stopped after " + next);
                    }
                    if (next == count) {
                        return null;
                    }
                    decoded.incrementAndGet();
                    int i = next++;
                    return new VideoFrame(2 * i, i / 2.0, new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB));
                }

                @Override
                public void close() {}
            };
        };
    }

    /** Model A's side: maps {@code upTo} frames (all when null), each noted, then closes; handled when it reaches the end. */
    private Thread sideA(Lockstep a, Lockstep.Opener opener, Integer upTo, CountDownLatch go) {
        Thread t = new Thread(() -> {
            try {
                try (VideoFrames frames = a.frames(POSITION, opener)) {
                    int n = 0;
                    for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                        if (go != null && n == 0) {
                            go.await();
                        }
                        events.add("A " + f.index());
                        if (upTo != null && ++n == upTo) {
                            throw new IllegalStateException("A stops");
                        }
                    }
                } catch (VideoException e) {
                    events.add("A error");
                }
                a.handled(POSITION);
            } catch (IllegalStateException e) {
                events.add("A stopped");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                a.ended();
            }
        });
        t.start();
        return t;
    }

    /** Model B's side: every frame's index, in order, "end" or the error at the end. */
    private List<String> sideB(Lockstep b, Lockstep.Opener opener) throws VideoException {
        List<String> got = new ArrayList<>();
        try (VideoFrames frames = b.frames(POSITION, opener)) {
            assertEquals(8, frames.width());
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                events.add("B " + f.index());
                got.add(String.valueOf(f.index()));
            }
            got.add("end");
        } catch (VideoException e) {
            got.add(e.getMessage());
        }
        b.handled(POSITION);
        return got;
    }

    @Test
    void eachFrameIsDecodedOnceAndBTakesItAfterA() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener opener = video(12, null);
        Thread a = sideA(pairing.first(), opener, null, null);
        List<String> got = sideB(pairing.second(), opener);
        a.join();
        assertEquals(List.of("0", "2", "4", "6", "8", "10", "12", "14", "16", "18", "20", "22", "end"), got);
        assertEquals(12, decoded.get(), "each frame decoded once");
        assertEquals(1, opens.get(), "one reader");
        for (int i = 0; i < 24; i += 2) {
            assertTrue(events.indexOf("B " + i) > events.indexOf("A " + i), "B's frame " + i + " after A's: " + events);
        }
    }

    @Test
    void aHoldsAFewFramesAtMostWhileBIsBehind() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener opener = video(12, null);
        Lockstep b = pairing.second();
        Thread a = sideA(pairing.first(), opener, null, null);
        // B is still on an earlier input: A decodes the held frames, then waits (a state, not a time)
        while (a.getState() != Thread.State.WAITING || decoded.get() < SharedVideo.HELD) {
            Thread.onSpinWait();
        }
        assertEquals(SharedVideo.HELD, decoded.get(), "A waits for B once it holds " + SharedVideo.HELD + " frames");
        List<String> got = sideB(b, opener);
        a.join();
        assertEquals(13, got.size(), got.toString());
        assertEquals(12, decoded.get());
    }

    @Test
    void theBoundHoldsOverVideosAFinishesBeforeBStartsThem() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep first = pairing.first();
        Lockstep.Opener shortVideo = video(2, null);
        Lockstep.Opener longVideo = video(12, null);
        Thread a = new Thread(() -> {
            try {
                for (int position = POSITION; position <= POSITION + 1; position++) {
                    try (VideoFrames frames = first.frames(position, position == POSITION ? shortVideo : longVideo)) {
                        while (frames.next() != null) {
                            Thread.onSpinWait();
                        }
                    }
                    first.handled(position);
                }
            } catch (VideoException e) {
                throw new IllegalStateException(e);
            } finally {
                first.ended();
            }
        });
        a.start();
        while (a.getState() != Thread.State.WAITING || decoded.get() < SharedVideo.HELD) {
            Thread.onSpinWait();
        }
        assertEquals(SharedVideo.HELD, decoded.get(), "two frames of the first video and two of the second, no more");
        Lockstep second = pairing.second();
        assertEquals(List.of("0", "2", "end"), sideB(second, shortVideo));
        List<String> got = new ArrayList<>();
        try (VideoFrames frames = second.frames(POSITION + 1, longVideo)) {
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                got.add(String.valueOf(f.index()));
            }
        }
        a.join();
        assertEquals(12, got.size(), got.toString());
        assertEquals(14, decoded.get(), "each frame decoded once");
    }

    @Test
    void whenAStopsMidVideoBReadsOnFromTheNextFrame() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener opener = video(8, null);
        Thread a = sideA(pairing.first(), opener, 3, null);
        List<String> got = sideB(pairing.second(), opener);
        a.join();
        assertEquals(List.of("0", "2", "4", "6", "8", "10", "12", "14", "end"), got, "no frame lost or doubled");
        assertEquals(2, opens.get(), "B opens its own reader for the rest");
        assertTrue(events.contains("A stopped"), events.toString());
    }

    @Test
    void aReadersErrorEndsBsVideoAfterTheSameFrames() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener opener = video(8, 3);
        Thread a = sideA(pairing.first(), opener, null, null);
        List<String> got = sideB(pairing.second(), opener);
        a.join();
        assertEquals(List.of("0", "2", "4", "drive.mp4: decoding stopped after 3"), got);
        assertEquals(1, opens.get());
        assertTrue(events.indexOf("A error") >= 0, events.toString());
    }

    @Test
    void aVideoARefusesBOpensItself() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener refused = () -> {
            opens.incrementAndGet();
            throw new VideoException("drive.mp4: not a video FFmpeg can read");
        };
        Thread a = sideA(pairing.first(), refused, null, null);
        List<String> got = sideB(pairing.second(), refused);
        a.join();
        assertEquals(List.of("drive.mp4: not a video FFmpeg can read"), got.subList(0, 1));
        assertEquals(2, opens.get(), "each side tried it, as today");
    }

    @Test
    void whenBIsDoneWithTheVideoAHoldsNothingMore() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener opener = video(12, null);
        CountDownLatch go = new CountDownLatch(1);
        Thread a = sideA(pairing.first(), opener, null, go);
        Lockstep b = pairing.second();
        try (VideoFrames frames = b.frames(POSITION, opener)) {
            go.countDown();
            assertEquals(0, frames.next().index());
        } // B stops after one frame (its run failed, or it resumed the rest)
        b.ended();
        a.join(); // A maps the whole video without waiting for B
        assertEquals(12, decoded.get());
        assertEquals(12, events.stream().filter(e -> e.startsWith("A ")).count(), events.toString());
    }
    @Test
    void bsFrameLeavesOutItsWaitForA() throws Exception {
        Pairing pairing = new Pairing();
        Lockstep.Opener opener = video(4, null);
        CountDownLatch go = new CountDownLatch(1);
        Thread a = sideA(pairing.first(), opener, null, go);
        while (a.getState() != Thread.State.WAITING) { // A holds frame 0 and has not handled it
            Thread.onSpinWait();
        }
        Lockstep b = pairing.second();
        long[] waited = new long[1];
        Thread sideB = new Thread(() -> {
            try (VideoFrames frames = b.frames(POSITION, opener)) {
                frames.next();
                waited[0] = frames.waitedNanos();
                while (frames.next() != null) {
                    Thread.onSpinWait();
                }
            } catch (VideoException e) {
                throw new IllegalStateException(e);
            }
            b.handled(POSITION);
        });
        sideB.start();
        while (sideB.getState() != Thread.State.WAITING) { // B waits for A to hand frame 0 on
            Thread.onSpinWait();
        }
        long from = System.nanoTime();
        while (System.nanoTime() - from < 1_000_000) {
            Thread.onSpinWait();
        }
        long to = System.nanoTime();
        go.countDown();
        sideB.join();
        a.join();
        assertTrue(waited[0] >= to - from, "B's wait (" + waited[0] + " ns) is left out of its frame's seconds");
    }
}
