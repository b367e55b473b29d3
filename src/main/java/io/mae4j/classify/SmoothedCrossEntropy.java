package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Cross-entropy with label smoothing, as timm's {@code LabelSmoothingCrossEntropy} of MAE
 * fine-tuning: with K classes and ε = smoothing, the target of a sample of class y is
 * q_k = (1 − ε)·[k = y] + ε / K, and
 *
 * <pre>
 *   loss = mean_b ( − Σ_k q_bk · log_softmax(z_b)_k )
 * </pre>
 * (ε = 0: the plain cross-entropy).
 */
public final class SmoothedCrossEntropy {

    private SmoothedCrossEntropy() {}

    /**
     * @param logits (B, K)
     * @param labels (B) class indices in [0, K)
     * @param smoothing ε in [0, 1)
     * @return the scalar loss (), in the logits' manager
     */
    public static NDArray loss(NDArray logits, int[] labels, double smoothing) {
        Shape s = logits.getShape();
        int b = (int) s.get(0);
        int k = (int) s.get(1);
        if (labels.length != b) {
            throw new IllegalArgumentException("cross-entropy needs one label per row: " + b + " rows, " + labels.length
                    + " labels");
        }
        float[] q = new float[b * k];
        float off = (float) (smoothing / k);
        float on = (float) (1 - smoothing) + off;
        for (int i = 0; i < b; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + k + ")");
            }
            for (int j = 0; j < k; j++) {
                q[i * k + j] = j == labels[i] ? on : off;
            }
        }
        NDArray target = logits.getManager().create(q, s); // (B, K)
        return logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean(); // ()
    }

    /**
     * Top-k hits on the host.
     *
     * @param logits (B·K) row-major logits
     * @param k classes K
     * @param labels (B) true classes
     * @param top how many best-scored classes count as a hit
     * @return the number of rows whose label is among the {@code top} largest logits (ties: the
     *     label counts as a hit only if fewer than {@code top} classes score strictly higher)
     */
    public static int hits(float[] logits, int k, int[] labels, int top) {
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            float own = logits[i * k + labels[i]];
            int higher = 0;
            for (int j = 0; j < k; j++) {
                if (logits[i * k + j] > own) {
                    higher++;
                }
            }
            if (higher < top) {
                hits++;
            }
        }
        return hits;
    }
}
