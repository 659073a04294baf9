package dev.occlude.occlusion;

import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Coarse to fine (--refine): a coarse pass with non-overlapping squares (stride = patch) finds
 * where the target probability moves; the fine grid is then run only over the coarse squares that
 * moved by at least a tenth of the largest change. Fine variants elsewhere are estimated as the
 * area-weighted mean of the coarse squares they overlap, which is what those flat regions show.
 */
public final class Refinement {
    /** A coarse square "moves" when its change is at least this share of the largest change. */
    static final double MOVING_SHARE = 0.1;

    private final OcclusionScan scan;
    private final ScanSettings settings;

    public Refinement(OcclusionScan scan, ScanSettings settings) {
        this.scan = scan;
        this.settings = settings;
    }

    public ScanResult run(PreparedImage image, float[] clean, int target, OcclusionScan.Progress progress)
            throws ModelException {
        var g = image.geometry();
        int w = g.sourceWidth();
        int h = g.sourceHeight();
        PatchGrid fine = new PatchGrid(settings.patch(), settings.stride(), w, h);
        if (settings.stride() >= settings.patch()) {
            return scan.run(image, fine.patches(), clean, progress); // nothing finer than the coarse pass
        }
        PatchGrid tileGrid = new PatchGrid(settings.patch(), settings.patch(), w, h);
        List<Rectangle> tiles = tileGrid.patches();
        ScanResult coarse = scan.run(image, tiles, clean, (d, t) -> progress.done(d, t + fine.count()));
        double largest = 0;
        for (float[] p : coarse.probabilities()) {
            largest = Math.max(largest, Math.abs(p[target] - clean[target]));
        }
        boolean[] movingTile = new boolean[tiles.size()];
        for (int i = 0; i < tiles.size(); i++) {
            double change = Math.abs(coarse.probabilities()[i][target] - clean[target]);
            movingTile[i] = largest > 0 && change >= MOVING_SHARE * largest;
        }
        List<Rectangle> finePatches = fine.patches();
        List<Integer> runIndex = new ArrayList<>();
        List<Rectangle> toRun = new ArrayList<>();
        for (int i = 0; i < finePatches.size(); i++) {
            Rectangle r = finePatches.get(i);
            if (touchesMoving(r, tileGrid, movingTile)) {
                runIndex.add(i);
                toRun.add(r);
            }
        }
        int offset = coarse.variants();
        ScanResult measured = scan.run(image, toRun, clean, (d, t) -> progress.done(offset + d, offset + finePatches.size()));
        float[][] probabilities = new float[finePatches.size()][];
        for (int k = 0; k < runIndex.size(); k++) {
            probabilities[runIndex.get(k)] = measured.probabilities()[k];
        }
        int estimated = 0;
        for (int i = 0; i < finePatches.size(); i++) {
            if (probabilities[i] == null) {
                probabilities[i] = estimate(finePatches.get(i), tileGrid, coarse.probabilities(), clean.length);
                estimated++;
            }
        }
        return new ScanResult(w, h, clean, finePatches, probabilities, measured.skipped(), estimated,
                coarse.passes() + measured.passes());
    }

    private boolean touchesMoving(Rectangle r, PatchGrid tileGrid, boolean[] movingTile) {
        int p = settings.patch();
        for (int j = (r.y + p - 1) / p; j <= (r.y + r.height - 1 + p - 1) / p; j++) {
            for (int k = (r.x + p - 1) / p; k <= (r.x + r.width - 1 + p - 1) / p; k++) {
                if (movingTile[j * tileGrid.columns() + k]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Area-weighted mean of the coarse squares' probabilities over the rectangle. */
    private float[] estimate(Rectangle r, PatchGrid tileGrid, float[][] tileProbabilities, int classes) {
        // tile k spans corners -(P-1) + kP: pixel x lies in tile (x + P - 1) / P
        int p = settings.patch();
        int k0 = (r.x + p - 1) / p;
        int k1 = (r.x + r.width - 1 + p - 1) / p;
        int j0 = (r.y + p - 1) / p;
        int j1 = (r.y + r.height - 1 + p - 1) / p;
        double[] sum = new double[classes];
        double area = 0;
        for (int j = j0; j <= j1; j++) {
            for (int k = k0; k <= k1; k++) {
                int t = j * tileGrid.columns() + k;
                Rectangle overlap = r.intersection(tileGrid.patch(t));
                if (overlap.isEmpty()) {
                    continue;
                }
                double a = (double) overlap.width * overlap.height;
                area += a;
                for (int c = 0; c < classes; c++) {
                    sum[c] += a * tileProbabilities[t][c];
                }
            }
        }
        float[] out = new float[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = (float) (sum[c] / area);
        }
        return out;
    }
}
