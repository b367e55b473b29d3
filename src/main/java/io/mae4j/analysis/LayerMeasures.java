package io.mae4j.analysis;

/**
 * One layer's measures for c images, on the host (see {@link AttentionMeasures#compute}).
 *
 * @param images c
 * @param heads H
 * @param patches N
 * @param heads8 (8, c, H) row-major: θ_KK, θ_NK weighted, θ_KK, θ_NK unweighted, focus index,
 *     undefined rows, defined keypoint rows, defined non-keypoint rows
 * @param thetaBar (2, c, N): Σ over heads of the primary θ_i (0 where undefined), and the number of
 *     heads where row i is defined
 * @param sample head-mean α of image 0, (N, N) row-major, or null
 */
record LayerMeasures(int images, int heads, int patches, float[] heads8, float[] thetaBar, float[] sample) {

    /** Measure {@code m} (an {@link AttentionMeasures} offset) of image {@code b}, head {@code h}. */
    float get(int m, int b, int h) {
        return heads8[(m * images + b) * heads + h];
    }

    /** Σ_heads θ_i of image b, patch i. */
    float thetaSum(int b, int i) {
        return thetaBar[b * patches + i];
    }

    /** Heads in which row i of image b is defined. */
    float thetaCount(int b, int i) {
        return thetaBar[(images + b) * patches + i];
    }
}
