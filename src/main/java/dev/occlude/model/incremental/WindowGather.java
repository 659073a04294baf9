package dev.occlude.model.incremental;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.occlude.util.DirectBuffer;

/** Cuts a batch's windows of one map, as {@link StageWindows} plans them, from its tiles and its stored clean rows. */
final class WindowGather {
    private WindowGather() {}

    /**
     * [count, channels, inHeight, inWidth]: the tiles where they reach, the clean map (or its pad
     * row) elsewhere. The window reaches the stage channels-last, which PyTorch's convolutions and
     * pooling take as they are. Where the stored map is small beside the windows, tiles and map are
     * joined and gathered once; where it is large (big frames, early maps), tile and map are each
     * gathered on the window only and joined by a mask, so that no call copies a whole map.
     */
    static NDArray gather(NDArray tileRows, NDArray cleanRows, StageWindows.Gather g, int count) {
        NDManager batch = tileRows.getManager();
        long windowRows = g.index().length;
        NDArray index = batch.create(INDICES.longs(g.index()), new Shape(windowRows), DataType.INT64);
        NDArray rows;
        try (NDManager scratch = batch.newSubManager()) {
            index.attach(scratch);
            if (tileRows.getShape().get(0) + cleanRows.getShape().get(0) <= 2 * windowRows) {
                NDArray joined = NDArrays.concat(new NDList(tileRows, cleanRows), 0);
                joined.attach(scratch);
                rows = joined.get(new NDIndex("{}", index));
            } else {
                NDArray inTile = index.lt(g.tileRows());
                NDArray fromTile = tileRows.get(new NDIndex("{}", inTile.mul(index)));
                NDArray fromMap = cleanRows.get(new NDIndex("{}", index.sub(g.tileRows()).maximum(0)));
                fromTile.attach(scratch);
                fromMap.attach(scratch); // a result of the stored map's manager: freed here, not with the image
                NDArray mask = inTile.expandDims(1).broadcast(fromTile.getShape());
                mask.attach(scratch);
                rows = NDArrays.where(mask, fromTile, fromMap);
            }
            rows.attach(batch);
        }
        NDArray shaped = rows.reshape(count, g.inHeight(), g.inWidth(), -1);
        NDArray window = shaped.transpose(0, 3, 1, 2);
        rows.close();
        shaped.close(); // views: the window keeps what it needs
        return window;
    }

    /** [n, c, h, w] to [n * h * w, c]: each position's channels side by side. */
    static NDArray positionsFirst(NDArray x) {
        NDArray t = x.transpose(0, 2, 3, 1);
        NDArray r = t.reshape(-1, x.getShape().get(1));
        t.close(); // a view: closing it keeps nothing of x alive but what r needs
        return r;
    }

    /** Gather indices handed to DJL, in a reusable direct buffer per thread. */
    private static final DirectBuffer INDICES = new DirectBuffer();
}
