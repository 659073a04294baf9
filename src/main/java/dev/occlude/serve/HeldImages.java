package dev.occlude.serve;

import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Decoded images the server holds in memory, bounded by a pixel budget shared by all of them and
 * by a count per kind (uploads, frames read from files); past either, the least recently
 * used go first, never the image just added. Not thread-safe: its owner locks.
 */
final class HeldImages {
    private final long pixelBudget;
    private final Map<String, Integer> maxPerKind;
    private final Function<String, String> kindOf;
    private final LinkedHashMap<String, BufferedImage> held = new LinkedHashMap<>(16, 0.75f, true);
    private long pixels;

    /**
     * @param pixelBudget pixels held at most, all kinds together (one image past it is still held, alone)
     * @param maxPerKind images held at most of each kind named; other kinds have no count limit
     * @param kindOf an id's kind
     */
    HeldImages(long pixelBudget, Map<String, Integer> maxPerKind, Function<String, String> kindOf) {
        this.pixelBudget = pixelBudget;
        this.kindOf = kindOf;
        this.maxPerKind = Map.copyOf(maxPerKind);
    }

    BufferedImage get(String id) {
        return held.get(id);
    }

    boolean contains(String id) {
        return held.containsKey(id);
    }

    void put(String id, BufferedImage image) {
        BufferedImage old = held.put(id, image);
        pixels += pixels(image) - (old == null ? 0 : pixels(old));
        String kind = kind(id);
        int limit = maxPerKind.getOrDefault(kind, Integer.MAX_VALUE);
        long ofKind = held.keySet().stream().filter(k -> kind(k).equals(kind)).count();
        for (Iterator<Map.Entry<String, BufferedImage>> it = held.entrySet().iterator(); it.hasNext()
                && (pixels > pixelBudget || ofKind > limit); ) {
            Map.Entry<String, BufferedImage> e = it.next();
            if (e.getKey().equals(id) || (pixels <= pixelBudget && !kind(e.getKey()).equals(kind))) {
                continue;
            }
            if (kind(e.getKey()).equals(kind)) {
                ofKind--;
            }
            pixels -= pixels(e.getValue());
            it.remove();
        }
    }

    /** Pixels held now. */
    long pixels() {
        return pixels;
    }

    private String kind(String id) {
        return kindOf.apply(id);
    }

    private static long pixels(BufferedImage image) {
        return (long) image.getWidth() * image.getHeight();
    }
}
