package dev.occlude.model.incremental;

import dev.occlude.model.score.Staging;
import java.util.List;

/**
 * The multiply-add bound of a {@link Stages} graph, computed from the declaration alone: a centred
 * square patch is followed through every stage's windows (an output changes when its window meets
 * a changed input), each stage's changed outputs cost its multiply-adds per position, the head
 * costs what it declares, whole; a full pass costs every output of every stage and the head.
 * The bound is the second over the first, as {@code StagedBenchmark} counts it on a real scan.
 */
final class StagingBound {
    private StagingBound() {}

    static Staging of(Stages stages, int height, int width, int patch) {
        List<Stages.Stage> list = stages.stages();
        int n = list.size();
        int[] h = new int[n + 1];
        int[] w = new int[n + 1];
        // changed region of each map, half-open: y0, y1, x0, x1
        int[][] changed = new int[n + 1][];
        h[0] = height;
        w[0] = width;
        int py = Math.min(patch, height);
        int px = Math.min(patch, width);
        changed[0] = new int[] {(height - py) / 2, (height - py) / 2 + py, (width - px) / 2, (width - px) / 2 + px};
        long full = 0;
        long part = 0;
        for (int k = 0; k < n; k++) {
            Stages.Stage s = list.get(k);
            Window first = s.inputs().get(0).window();
            h[k + 1] = first.outHeight(h[s.inputs().get(0).map()]);
            w[k + 1] = first.outWidth(w[s.inputs().get(0).map()]);
            int[] out = null;
            for (Stages.Input in : s.inputs()) {
                int[] r = reach(changed[in.map()], in.window(), h[k + 1], w[k + 1]);
                if (r != null) {
                    out = out == null ? r : new int[] {Math.min(out[0], r[0]), Math.max(out[1], r[1]),
                            Math.min(out[2], r[2]), Math.max(out[3], r[3])};
                }
            }
            changed[k + 1] = out;
            full += s.macsPerPosition() * h[k + 1] * w[k + 1];
            if (out != null) {
                part += s.macsPerPosition() * (long) (out[1] - out[0]) * (out[3] - out[2]);
            }
        }
        long head = stages.head().macs();
        String extent = stages.head().extent();
        if (head < 0 || full + head == 0) {
            return new Staging(extent, Double.NaN, Double.NaN, patch);
        }
        return new Staging(extent, (double) full / (full + head), (double) (full + head) / Math.max(1, part + head),
                patch);
    }

    /** The outputs of a window whose inputs meet {@code in} (null: none), clipped to the output map. */
    private static int[] reach(int[] in, Window win, int outH, int outW) {
        if (in == null) {
            return null;
        }
        int y0 = Math.max(0, -Math.floorDiv(-(in[0] + win.padY() - win.kernelY() + 1), win.strideY()));
        int y1 = Math.min(outH, Math.floorDiv(in[1] - 1 + win.padY(), win.strideY()) + 1);
        int x0 = Math.max(0, -Math.floorDiv(-(in[2] + win.padX() - win.kernelX() + 1), win.strideX()));
        int x1 = Math.min(outW, Math.floorDiv(in[3] - 1 + win.padX(), win.strideX()) + 1);
        return y0 < y1 && x0 < x1 ? new int[] {y0, y1, x0, x1} : null;
    }
}
