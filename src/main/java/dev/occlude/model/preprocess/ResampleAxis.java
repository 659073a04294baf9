package dev.occlude.model.preprocess;

/**
 * One axis of the resize DJL runs on the PyTorch engine: torch's bilinear interpolation with
 * {@code antialias=true} (a triangle filter widened by the scale when shrinking, as PIL does),
 * {@code align_corners=false}. For each output index: the first source index, how many source
 * samples it reads, and their normalised weights, computed with ATen's float/double promotions so
 * the tool's numbers match DJL's.
 */
final class ResampleAxis {
    final int[] start;
    final int[] size;
    final float[] weights;
    final int stride;

    ResampleAxis(int inputSize, int outputSize) {
        start = new int[outputSize];
        size = new int[outputSize];
        if (inputSize == outputSize) {
            // torch skips an axis whose size does not change
            stride = 1;
            weights = new float[outputSize];
            for (int o = 0; o < outputSize; o++) {
                start[o] = o;
                size[o] = 1;
                weights[o] = 1f;
            }
            return;
        }
        float scale = (float) inputSize / outputSize;
        float support = scale >= 1.0 ? (float) (1.0 * scale) : 1.0f;
        float invscale = scale >= 1.0 ? (float) (1.0 / scale) : 1.0f;
        stride = (int) Math.ceil(support) * 2 + 1;
        weights = new float[outputSize * stride];
        for (int o = 0; o < outputSize; o++) {
            float center = (float) (scale * (o + 0.5));
            int min = (int) Math.max((long) ((double) (center - support) + 0.5), 0L);
            int n = (int) Math.min((long) ((double) (center + support) + 0.5), inputSize) - min;
            n = Math.max(0, Math.min(n, stride));
            float total = 0f;
            for (int j = 0; j < n; j++) {
                float d = (float) (j + min) - center;
                float w = triangle((float) (((double) d + 0.5) * (double) invscale));
                weights[o * stride + j] = w;
                total += w;
            }
            if (total != 0f) {
                for (int j = 0; j < n; j++) {
                    weights[o * stride + j] /= total;
                }
            }
            start[o] = min;
            size[o] = n;
        }
    }

    private static float triangle(float x) {
        if (x < 0f) {
            x = -x;
        }
        return x < 1f ? 1f - x : 0f;
    }

    int outputs() {
        return start.length;
    }

    /** First output index reading source index {@code from} or beyond. */
    int firstTouching(int from) {
        int o = 0;
        while (o < start.length && start[o] + size[o] <= from) {
            o++;
        }
        return o;
    }

    /** One past the last output index reading a source index before {@code to}. */
    int endTouching(int to) {
        int o = start.length;
        while (o > 0 && start[o - 1] >= to) {
            o--;
        }
        return o;
    }
}
