package io.mae4j.cache;

import io.mae4j.data.DecodedImage;
import io.mae4j.sift.Keypoint;
import java.util.List;

/**
 * The {@code sift-only} scorer, for when no model exists: θ̄_j = c_j / max_k c_k where c_j counts the
 * keypoints whose normalised centre (x, y) falls in canonical cell (⌊y·g⌋, ⌊x·g⌋) (clamped to g−1,
 * so x = 1 belongs to the last column). Dense keypoint regions score near 1, empty cells 0; an
 * image without keypoints scores 0 everywhere (defined, never NaN). Keypoints outside [0, 1] are
 * ignored.
 */
public final class SiftDensityScorer implements Scorer {

    /** The name used on the command line ({@code scorer=sift-only}). */
    public static final String NAME = "sift-only";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String fingerprint() {
        return NAME + " v1 (density c_j / max c)";
    }

    @Override
    public Prepared prepare(DecodedImage image, List<Keypoint> normalized, int gridSize) {
        return new Prepared(density(normalized, gridSize), null);
    }

    /** Keypoint density per canonical cell, scaled so that the densest cell is 1. */
    public static float[] density(List<Keypoint> normalized, int g) {
        int[] c = new int[g * g];
        int max = 0;
        for (Keypoint k : normalized) {
            if (!(k.x() >= 0 && k.x() <= 1 && k.y() >= 0 && k.y() <= 1)) {
                continue;
            }
            int col = Math.min((int) Math.floor(k.x() * g), g - 1);
            int row = Math.min((int) Math.floor(k.y() * g), g - 1);
            max = Math.max(max, ++c[row * g + col]);
        }
        float[] out = new float[g * g];
        for (int j = 0; j < out.length; j++) {
            out[j] = max == 0 ? 0f : (float) c[j] / max;
        }
        return out;
    }
}
