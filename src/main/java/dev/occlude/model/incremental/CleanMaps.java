package dev.occlude.model.incremental;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One image's clean maps as {@link StagedPass} keeps them: each positions-first ([positions,
 * channels]) with one more row holding the pad value a stage reads it with, so that a gather can
 * cut a window anywhere, padding included.
 */
final class CleanMaps {
    private final Stages stages;
    private final NDManager manager;
    private final int[] heights;
    private final int[] widths;
    /** Per map, its rows with a pad row, per pad value it is read with. */
    private final List<Map<Float, NDArray>> rows = new ArrayList<>();
    private long bytes;

    CleanMaps(Stages stages, NDManager manager) {
        this.stages = stages;
        this.manager = manager;
        int maps = stages.stages().size() + 1;
        heights = new int[maps];
        widths = new int[maps];
        for (int m = 0; m < maps; m++) {
            rows.add(new HashMap<>());
        }
    }

    int height(int map) {
        return heights[map];
    }

    int width(int map) {
        return widths[map];
    }

    /** The bytes the stored maps hold. */
    long bytes() {
        return bytes;
    }

    /** Stores a computed map positions-first, with a pad row per value the stages read it with, and lets it go. */
    void keep(int map, NDArray x) {
        heights[map] = (int) x.getShape().get(2);
        widths[map] = (int) x.getShape().get(3);
        NDArray positions = WindowGather.positionsFirst(x);
        for (float pad : padValues(map)) {
            NDArray padRow = manager.full(new Shape(1, positions.getShape().get(1)), pad);
            rows.get(map).put(pad, NDArrays.concat(new NDList(positions, padRow), 0));
            padRow.close();
        }
        bytes += rows.get(map).size() * positions.getShape().size() * Float.BYTES;
        positions.close();
        x.close();
    }

    private List<Float> padValues(int map) {
        List<Float> values = new ArrayList<>();
        for (Stages.Stage s : stages.stages()) {
            for (Stages.Input in : s.inputs()) {
                if (in.map() == map && !in.window().identity() && !values.contains(in.window().padValue())) {
                    values.add(in.window().padValue());
                }
            }
        }
        if (values.isEmpty()) {
            values.add(0f); // read as it is: its pad row is never gathered
        }
        return values;
    }

    /** The stored rows of a map for a pad value (any of them when the reader needs none). */
    NDArray stored(int map, Float pad) {
        Map<Float, NDArray> byPad = rows.get(map);
        return pad != null && byPad.containsKey(pad) ? byPad.get(pad) : byPad.values().iterator().next();
    }

    /** A map as [1, channels, height, width] (a view of its stored rows). */
    NDArray map(int m, Float pad) {
        NDArray r = stored(m, pad);
        long positions = (long) heights[m] * widths[m];
        return r.get(new NDIndex("0:" + positions)).reshape(1, heights[m], widths[m], -1).transpose(0, 3, 1, 2);
    }

    /** A stage input as the stage reads it in the clean pass: the whole map with its padding. */
    NDArray padded(Stages.Input in) {
        Window w = in.window();
        int h = heights[in.map()];
        int wd = widths[in.map()];
        int ph = w.paddedHeight(h);
        int pw = w.paddedWidth(wd);
        NDArray m = map(in.map(), w.identity() ? null : w.padValue());
        if (ph == h && pw == wd) {
            return m;
        }
        NDArray p = m.pad(new Shape(w.padX(), pw - wd - w.padX(), w.padY(), ph - h - w.padY()), w.padValue());
        m.close();
        return p;
    }
}
