package dev.occlude.occlusion;

import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Coarse to fine (refinement): a coarse pass with non-overlapping squares (stride = patch) finds
 * where the target probability moves; the fine grid is then run over the coarse squares that moved
 * most, largest change first, for those that moved by at least a tenth of the largest change and
 * while the whole scan stays within a sixth of the exact scan's passes. Fine variants elsewhere
 * are estimated as the area-weighted mean of the coarse squares they overlap, which is what those
 * flatter regions show.
 */
public final class Refinement {
    /** A coarse square "moves" when its change is at least this share of the largest change. */
    static final double MOVING_SHARE = 0.1;
    /** All passes together stay within this share of the exact scan's (at least 6 times fewer). */
    static final double BUDGET_SHARE = 1.0 / 6;

    private final OcclusionScan scan;
    private final PatchSize size;

    /** Refines {@code size}'s grid with {@code scan}'s settings and workers. */
    public Refinement(OcclusionScan scan, PatchSize size) {
        this.scan = scan;
        this.size = size;
    }

    /** The scan of {@code size}'s grid for class {@code target}: the coarse pass, then the fine one where it moved. */
    public ScanResult run(PreparedImage image, float[] clean, int target, OcclusionScan.Progress progress)
            throws ModelException {
        var g = image.geometry();
        int w = g.sourceWidth();
        int h = g.sourceHeight();
        PatchGrid fine = new PatchGrid(size.patch(), size.stride(), w, h);
        if (size.stride() >= size.patch()) {
            return scan.run(image, fine.patches(), clean, progress); // nothing finer than the coarse pass
        }
        PatchGrid tileGrid = new PatchGrid(size.patch(), size.patch(), w, h);
        List<Rectangle> tiles = tileGrid.patches();
        ScanResult coarse = scan.run(image, tiles, clean, (d, t) -> progress.done(d, t + fine.count()));
        double largest = 0;
        for (float[] p : coarse.probabilities()) {
            largest = Math.max(largest, Math.abs(p[target] - clean[target]));
        }
        List<Rectangle> finePatches = fine.patches();
        // the fine patches over each coarse square
        List<List<Integer>> overTile = new ArrayList<>();
        for (int t = 0; t < tiles.size(); t++) {
            overTile.add(new ArrayList<>());
        }
        for (int i = 0; i < finePatches.size(); i++) {
            for (int t : tilesUnder(finePatches.get(i), tileGrid)) {
                overTile.get(t).add(i);
            }
        }
        List<Integer> order = new ArrayList<>();
        double[] change = new double[tiles.size()];
        for (int t = 0; t < tiles.size(); t++) {
            change[t] = Math.abs(coarse.probabilities()[t][target] - clean[target]);
            if (largest > 0 && change[t] >= MOVING_SHARE * largest) {
                order.add(t);
            }
        }
        order.sort((a, b) -> Double.compare(change[b], change[a]));
        int exactPasses = 0;
        for (Rectangle r : finePatches) {
            exactPasses += image.inputWindow(r) == null ? 0 : 1;
        }
        int budget = (int) (exactPasses * BUDGET_SHARE) - coarse.passes();
        boolean[] chosen = new boolean[finePatches.size()];
        int selected = 0;
        for (int t : order) {
            int added = 0;
            for (int i : overTile.get(t)) {
                added += chosen[i] ? 0 : 1;
            }
            if (selected > 0 && selected + added > budget) {
                break; // the squares left moved less than those refined already
            }
            for (int i : overTile.get(t)) {
                chosen[i] = true;
            }
            selected += added;
        }
        List<Integer> runIndex = new ArrayList<>();
        List<Rectangle> toRun = new ArrayList<>();
        for (int i = 0; i < finePatches.size(); i++) {
            if (chosen[i]) {
                runIndex.add(i);
                toRun.add(finePatches.get(i));
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

    /** Indices of the coarse squares a rectangle overlaps (tile k spans corners -(P-1) + kP). */
    private List<Integer> tilesUnder(Rectangle r, PatchGrid tileGrid) {
        int p = size.patch();
        List<Integer> under = new ArrayList<>(4);
        for (int j = (r.y + p - 1) / p; j <= (r.y + r.height - 1 + p - 1) / p; j++) {
            for (int k = (r.x + p - 1) / p; k <= (r.x + r.width - 1 + p - 1) / p; k++) {
                under.add(j * tileGrid.columns() + k);
            }
        }
        return under;
    }

    /** Area-weighted mean of the coarse squares' probabilities over the rectangle. */
    private float[] estimate(Rectangle r, PatchGrid tileGrid, float[][] tileProbabilities, int classes) {
        // tile k spans corners -(P-1) + kP: pixel x lies in tile (x + P - 1) / P
        int p = size.patch();
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
