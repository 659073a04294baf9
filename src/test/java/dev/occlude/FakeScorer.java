package dev.occlude;

import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.Scorer;
import java.awt.Rectangle;
import java.util.List;
import java.util.Map;

/**
 * A model that is a known function of the pixels, for tests without a model file: the input is
 * the source image itself (no resize, no crop, bytes / 255), and p(light) is the largest, over a
 * few "lights" (rectangles), of the mean red value inside the light; p(none) = 1 - p(light).
 * Hiding one of two lights therefore leaves the other's evidence, as in the article.
 */
public final class FakeScorer implements Scorer {
    private final List<Rectangle> lights;
    private int forwardPasses;

    /** @param lights the squares whose mean red is the light class's probability (the brightest wins) */
    public FakeScorer(List<Rectangle> lights) {
        this.lights = lights;
    }

    @Override
    public List<String> classes() {
        return List.of("none", "light");
    }

    @Override
    public Preprocessing preprocessing() {
        return Preprocessing.fromProperties(Map.of());
    }

    @Override
    public synchronized float[][] predict(float[] inputs, int count, int height, int width) {
        forwardPasses += count;
        float[][] out = new float[count][];
        int plane = height * width;
        for (int n = 0; n < count; n++) {
            int red = n * 3 * plane;
            float best = 0;
            for (Rectangle r : lights) {
                double sum = 0;
                for (int y = r.y; y < r.y + r.height; y++) {
                    for (int x = r.x; x < r.x + r.width; x++) {
                        sum += inputs[red + y * width + x];
                    }
                }
                best = Math.max(best, (float) (sum / (r.width * r.height)));
            }
            out[n] = new float[] {1 - best, best};
        }
        return out;
    }

    /** The variants scored so far. */
    public synchronized int forwardPasses() {
        return forwardPasses;
    }
}
