package dev.occlude.compare;

import dev.occlude.batch.Lockstep;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrame;
import dev.occlude.video.VideoFrames;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One video's frames as model A's reader decodes them, handed on to model B's run: B takes a
 * frame after A has handled it (A asked for the next one, or stopped), so A's line of the frame is
 * there before B's; A holds at most {@link #HELD} frames B has not taken. B's video ends as A's
 * did (its last frame, or the reader's error) once A has handled the whole video, so A's lines of
 * it come first. When A stops mid-video, B reads on with a reader of its own from the frame after
 * the last it took; when B is done with the video, A holds nothing more. Waits on the pairing's
 * monitor, as all of a pairing's waits do.
 */
final class SharedVideo {
    /** Frames decoded by A that B has not taken yet, at most, over all videos (A may finish one before B starts it). */
    static final int HELD = 4;

    private final Pairing pairing;
    private final int position;
    private final VideoFrames reader;
    private final Header header;
    private final Deque<VideoFrame> held = new ArrayDeque<>();
    private int givenA;
    private int handledA;
    private int takenB;
    private int lastIndexB = -1;
    private boolean endA;
    private VideoException errorA;
    private boolean closedA;
    private boolean closedB;
    /** B reads on with its own reader: A stopped mid-video (or B's wait was interrupted). */
    private boolean readsOn;

    /** What VideoJob uses of the reader besides its frames, read while A's reader is open. */
    private record Header(int width, int height, double frameRate, double duration) {}

    /** The video at {@code position}, read by A's {@code reader}. */
    SharedVideo(Pairing pairing, int position, VideoFrames reader) {
        this.pairing = pairing;
        this.position = position;
        this.reader = reader;
        this.header = new Header(reader.width(), reader.height(), reader.frameRate(), reader.duration());
    }

    /** A's frames: its reader's, each also held for B while B may still take them. */
    VideoFrames first() {
        return new Frames() {
            @Override
            public VideoFrame next() throws VideoException {
                synchronized (pairing) {
                    handledA = givenA; // A asks for the next frame: it is done with the one before
                    pairing.notifyAll();
                    try {
                        while (pairing.framesHeld(0) >= HELD && takes()) {
                            pairing.wait();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the run stops: hold one more rather than wait
                    }
                }
                VideoFrame frame;
                try {
                    frame = reader.next();
                } catch (VideoException e) {
                    synchronized (pairing) {
                        errorA = e;
                        pairing.notifyAll();
                    }
                    throw e;
                }
                synchronized (pairing) {
                    if (frame == null) {
                        endA = true;
                    } else {
                        givenA++;
                        if (takes()) {
                            held.add(frame);
                            pairing.framesHeld(1);
                        } else {
                            drop();
                        }
                    }
                    pairing.notifyAll();
                }
                return frame;
            }

            @Override
            public void close() {
                reader.close();
                synchronized (pairing) {
                    closedA = true; // mid-video (a failure, a stop): what A decoded is B's to take
                    pairing.notifyAll();
                }
            }
        };
    }

    /** B's frames: A's, each once A has handled it; its own reader's ({@code opener}) after A stopped mid-video. */
    VideoFrames second(Lockstep.Opener opener) {
        return new Frames() {
            private VideoFrames own;
            private long waited;

            @Override
            public VideoFrame next() throws VideoException {
                waited = 0;
                if (own == null) {
                    long start = System.nanoTime();
                    synchronized (pairing) {
                        VideoFrame frame = fromA();
                        waited = System.nanoTime() - start; // A decoded it: B only waited
                        if (!readsOn) {
                            return frame;
                        }
                    }
                    own = opener.open();
                    for (VideoFrame f = own.next(); f != null; f = own.next()) {
                        if (f.index() > lastIndexB) {
                            return f; // the first frame B has not had from A
                        }
                    }
                    return null;
                }
                return own.next();
            }

            @Override
            public long waitedNanos() {
                return waited;
            }

            @Override
            public void close() {
                if (own != null) {
                    own.close();
                }
                synchronized (pairing) {
                    closedB = true;
                    drop();
                    pairing.notifyAll();
                }
            }
        };
    }

    /** Lets go of the frames held for B. */
    private void drop() {
        pairing.framesHeld(-held.size());
        held.clear();
    }

    /** Whether B may still take frames of this video. */
    private boolean takes() {
        return !closedB && pairing.takesFrames(position);
    }

    /**
     * B's next frame from A, waiting for A to have handled it; null at the video's end (after A
     * has handled the whole video) and when B must read on by itself ({@link #readsOn}).
     */
    private VideoFrame fromA() throws VideoException {
        try {
            while (true) {
                if (!held.isEmpty() && (takenB < handledA || closedA)) {
                    VideoFrame frame = held.poll();
                    pairing.framesHeld(-1);
                    takenB++;
                    lastIndexB = frame.index();
                    pairing.notifyAll();
                    return frame;
                }
                if (held.isEmpty() && (endA || errorA != null)) {
                    if (pairing.passedA(position)) {
                        if (errorA != null) {
                            throw errorA;
                        }
                        return null;
                    }
                } else if (held.isEmpty() && (closedA || pairing.passedA(position))) {
                    readsOn = true; // A stopped mid-video
                    return null;
                }
                pairing.wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            readsOn = true;
            return null;
        }
    }

    /** The video's header as A's reader read it when it opened. */
    private abstract class Frames implements VideoFrames {
        @Override
        public int width() {
            return header.width();
        }

        @Override
        public int height() {
            return header.height();
        }

        @Override
        public double frameRate() {
            return header.frameRate();
        }

        @Override
        public double duration() {
            return header.duration();
        }
    }
}
