package dev.occlude.compare;

import dev.occlude.batch.Lockstep;
import dev.occlude.io.ImageLoadException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Model A's run and model B's over the same inputs, kept in step: A decodes each image and holds
 * it for B (a few at most, so A never runs far ahead in memory); B handles an input only after A
 * has handled it, so A's line and scan of a frame are there when B's arrive. When A's run ends
 * early, B decodes what it still needs itself; when B's ends, A holds nothing more.
 */
final class Pairing {
    /** Images decoded by A that B has not taken yet, at most. */
    private static final int HELD = 4;

    private final Map<Integer, BufferedImage> held = new HashMap<>();
    private int fedA;
    private int handledA;
    private boolean endedA;
    private boolean endedB;

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
            public void awaitTurn(int position) {
                synchronized (Pairing.this) {
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
            public void handled(int position) {}

            @Override
            public void ended() {
                synchronized (Pairing.this) {
                    endedB = true;
                    held.clear();
                    Pairing.this.notifyAll();
                }
            }
        };
    }
}
