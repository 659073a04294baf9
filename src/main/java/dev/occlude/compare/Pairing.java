package dev.occlude.compare;

import dev.occlude.batch.Lockstep;
import dev.occlude.io.ImageLoadException;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrames;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Model A's run and model B's over the same inputs, kept in step: A decodes each image and holds
 * it for B (a few at most, so A never runs far ahead in memory); B handles an input only after A
 * has handled it, so A's line and scan of a frame are there when B's arrive. A video is kept in
 * step frame by frame ({@link SharedVideo}): B maps a frame as A's reader decoded it, after A has
 * mapped it. When A's run ends early, B decodes what it still needs itself; when B's ends, A holds
 * nothing more.
 */
final class Pairing {
    /** Images decoded by A that B has not taken yet, at most. */
    private static final int HELD = 4;

    private final Map<Integer, BufferedImage> held = new HashMap<>();
    /** Videos A has opened that B has not reached yet, by position. */
    private final Map<Integer, SharedVideo> videos = new HashMap<>();
    /** Video frames A holds for B, over all videos. */
    private int framesHeld;
    private int fedA;
    private int handledA;
    private boolean endedA;
    private int passedB;
    private boolean endedB;

    /** Adds {@code change} to the video frames A holds for B and returns their number; called holding this monitor. */
    int framesHeld(int change) {
        framesHeld += change;
        return framesHeld;
    }

    /** Whether B may still take the frames of the video at {@code position}; called holding this monitor. */
    boolean takesFrames(int position) {
        return !endedB && passedB < position;
    }

    /** Whether A is done with the input at {@code position} (or with its run); called holding this monitor. */
    boolean passedA(int position) {
        return handledA >= position || endedA;
    }

    /** Model A's side: decodes, holds, and says how far it is. */
    synchronized Lockstep first() {
        return new Lockstep() {
            @Override
            public BufferedImage image(int position, Path path, Decoder decoder)
                    throws ImageLoadException, InterruptedException {
                synchronized (Pairing.this) {
                    while (held.size() >= HELD && !endedB) {
                        Pairing.this.wait();
                    }
                }
                BufferedImage image = decoder.decode(path);
                synchronized (Pairing.this) {
                    if (!endedB) {
                        held.put(position, image);
                    }
                }
                return image;
            }

            @Override
            public void fed(int position) {
                synchronized (Pairing.this) {
                    fedA = position;
                    Pairing.this.notifyAll();
                }
            }

            @Override
            public VideoFrames frames(int position, Opener opener) throws VideoException {
                VideoFrames reader = opener.open(); // a video A refuses: B opens it itself, as a run alone would
                synchronized (Pairing.this) {
                    if (!takesFrames(position)) {
                        return reader;
                    }
                    SharedVideo video = new SharedVideo(Pairing.this, position, reader);
                    videos.put(position, video);
                    Pairing.this.notifyAll();
                    return video.first();
                }
            }

            @Override
            public void awaitTurn(int position) {}

            @Override
            public void handled(int position) {
                synchronized (Pairing.this) {
                    handledA = position;
                    Pairing.this.notifyAll();
                }
            }

            @Override
            public void ended() {
                synchronized (Pairing.this) {
                    endedA = true;
                    Pairing.this.notifyAll();
                }
            }
        };
    }

    /** Model B's side: takes A's images, and waits for A's turn to be over before each of its own. */
    synchronized Lockstep second() {
        return new Lockstep() {
            @Override
            public BufferedImage image(int position, Path path, Decoder decoder)
                    throws ImageLoadException, InterruptedException {
                BufferedImage image;
                synchronized (Pairing.this) {
                    while (fedA < position && !endedA) {
                        Pairing.this.wait();
                    }
                    image = held.remove(position);
                    Pairing.this.notifyAll();
                }
                return image != null ? image : decoder.decode(path); // A refused, resumed or never reached it
            }

            @Override
            public void fed(int position) {
                synchronized (Pairing.this) {
                    held.keySet().removeIf(p -> p <= position); // inputs B refused or resumed: A's images go
                    Pairing.this.notifyAll();
                }
            }

            @Override
            public VideoFrames frames(int position, Opener opener) throws VideoException {
                SharedVideo video;
                synchronized (Pairing.this) {
                    try {
                        while (!videos.containsKey(position) && !passedA(position)) {
                            Pairing.this.wait();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    video = videos.remove(position);
                }
                // A refused, resumed or never reached the video: B reads it itself
                return video != null ? video.second(opener) : opener.open();
            }

            @Override
            public void awaitTurn(int position) {
                synchronized (Pairing.this) {
                    passedB = position; // not a video B maps frame by frame: A need not hold its frames
                    Pairing.this.notifyAll();
                    try {
                        while (handledA < position && !endedA) {
                            Pairing.this.wait();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void handled(int position) {
                synchronized (Pairing.this) {
                    passedB = position;
                    videos.remove(position);
                    Pairing.this.notifyAll();
                }
            }

            @Override
            public void ended() {
                synchronized (Pairing.this) {
                    endedB = true;
                    held.clear();
                    videos.clear();
                    Pairing.this.notifyAll();
                }
            }
        };
    }
}
