package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.model.Scalars;

/**
 * {@code torch.nn.BatchNorm1d(D, affine=False, eps=1e-6)} of MAE linear probing: no trainable
 * parameter, only running statistics (buffers). Input and output (B, D).
 *
 * <pre>
 *   training:  y = (x − mean_B(x)) / sqrt(var_B(x) + eps)        (biased batch variance)
 *              running_mean ← (1 − m) · running_mean + m · mean_B(x)
 *              running_var  ← (1 − m) · running_var  + m · var_B(x) · B / (B − 1)   (unbiased)
 *   inference: y = (x − running_mean) / sqrt(running_var + eps)
 * </pre>
 * with momentum m = 0.1; the statistics start at mean 0, variance 1 (PyTorch). Gradients flow
 * through the batch statistics in training mode, as in PyTorch.
 */
public final class BatchNormNoAffine {

    /** MAE's epsilon. */
    public static final float EPS = 1e-6f;
    /** PyTorch's default momentum. */
    public static final float MOMENTUM = 0.1f;

    private final NDArray runningMean; // (D)
    private final NDArray runningVar; // (D)

    /**
     * @param width feature width D
     * @param manager where the running statistics live
     */
    public BatchNormNoAffine(long width, NDManager manager) {
        this.runningMean = manager.zeros(new Shape(width));
        this.runningVar = manager.ones(new Shape(width));
    }

    /** Running mean (D), updated in place. */
    public NDArray runningMean() {
        return runningMean;
    }

    /** Running variance (D), updated in place. */
    public NDArray runningVar() {
        return runningVar;
    }

    /**
     * Normalises a batch.
     *
     * @param x (B, D) features
     * @param training use (and update with) the batch statistics
     * @return (B, D), attached to x's manager
     */
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 2 || s.get(1) != runningMean.getShape().get(0)) {
            throw new IllegalArgumentException("BatchNorm expects (B, " + runningMean.getShape().get(0) + "), got " + s);
        }
        if (!training) {
            NDArray shifted = runningVar.add(EPS); // (D); results of ops on a buffer live with the buffer:
            shifted.attach(x.getManager()); // move it to the caller's scope
            return x.sub(runningMean).div(shifted.sqrt()); // (B, D)
        }
        long b = s.get(0);
        if (b < 2) {
            throw new IllegalArgumentException("BatchNorm in training needs at least 2 samples per batch, got " + b
                    + ": raise the batch size");
        }
        NDArray mean = x.mean(new int[] {0}, true); // (1, D)
        NDArray centered = x.sub(mean); // (B, D)
        NDArray var = centered.square().mean(new int[] {0}, true); // (1, D) biased
        NDArray y = centered.div(Scalars.add(var, EPS).sqrt()); // (B, D)
        try (NDArray m = mean.stopGradient().reshape(-1); NDArray v = var.stopGradient().reshape(-1)) {
            runningMean.muli(1 - MOMENTUM).addi(m.mul(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(v.mul(MOMENTUM * b / (double) (b - 1)));
        }
        return y;
    }
}
