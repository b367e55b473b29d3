package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The MAE reconstruction loss ({@code forward_loss}): mean squared error per patch against the
 * patchified image, averaged over the removed patches only (mask 1 = removed).
 *
 * <p>With {@code normPixLoss} each target patch is normalised by its own mean and <em>unbiased</em>
 * variance (PyTorch {@code var()} default): t = (t − mean) / √(var + 1e−6).
 */
public final class MaeLoss {

    /** Added to the per-patch variance with {@code norm_pix_loss}. */
    public static final double NORM_PIX_EPS = 1e-6;

    private MaeLoss() {}

    /**
     * The reconstruction target.
     *
     * @param imgs (B, C, H, W)
     * @param patchSize P
     * @param normPixLoss normalise each patch by its mean and unbiased variance
     * @return (B, N, P·P·C)
     */
    public static NDArray target(NDArray imgs, int patchSize, boolean normPixLoss) {
        NDArray target = Patchify.patchify(imgs, patchSize); // (B, N, K)
        if (!normPixLoss) {
            return target;
        }
        long k = target.getShape().get(2);
        if (k < 2) {
            throw new IllegalArgumentException("norm_pix_loss needs patches of at least 2 values, got " + k);
        }
        NDArray centred = target.sub(target.mean(new int[] {-1}, true)); // (B, N, K)
        NDArray var = Scalars.div(centred.square().sum(new int[] {-1}, true), k - 1); // (B, N, 1), unbiased
        return centred.div(Scalars.add(var, NORM_PIX_EPS).sqrt()); // (B, N, K)
    }

    /**
     * The loss.
     *
     * @param imgs (B, C, H, W)
     * @param pred (B, N, P·P·C)
     * @param mask (B, N) float, 1 = removed (scored), 0 = kept (ignored)
     * @param patchSize P
     * @param normPixLoss use the normalised-pixel target
     * @return [loss () — Σ(loss_patch · mask) / Σ mask, perSample (B) — the same ratio per image]
     */
    public static NDList compute(NDArray imgs, NDArray pred, NDArray mask, int patchSize, boolean normPixLoss) {
        NDArray target = target(imgs, patchSize, normPixLoss); // (B, N, K)
        if (!pred.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("prediction shape " + pred.getShape()
                    + " does not match the patchified target " + target.getShape());
        }
        Shape ms = mask.getShape();
        if (ms.dimension() != 2 || ms.get(0) != target.getShape().get(0) || ms.get(1) != target.getShape().get(1)) {
            throw new IllegalArgumentException("mask shape " + ms + " must be (B, N) = ("
                    + target.getShape().get(0) + ", " + target.getShape().get(1) + ")");
        }
        NDArray perPatch = pred.sub(target).square().mean(new int[] {-1}); // (B, N)
        NDArray masked = perPatch.mul(mask); // (B, N)
        NDArray loss = masked.sum().div(mask.sum()); // ()
        NDArray perSample = masked.sum(new int[] {1}).div(mask.sum(new int[] {1})); // (B)
        return new NDList(loss, perSample);
    }
}
