package io.mae4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mae4j.data.HostBatch;
import io.mae4j.data.SeedMix;
import io.mae4j.mask.MaskContext;
import io.mae4j.mask.MaskResult;
import io.mae4j.mask.MaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeLoss;
import io.mae4j.model.MaeModel;
import io.mae4j.model.MaeOutput;
import io.mae4j.model.Patchify;
import io.mae4j.tensorboard.ImageGrid;
import io.mae4j.tensorboard.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconstructions of a fixed set of images, one row per image: original | masked input |
 * reconstruction | reconstruction with the visible patches pasted back | mask (removed patches
 * black). The masks come from the run's strategy with a fixed seed, so rows of different epochs
 * compare (a curriculum strategy still changes them with the epoch, as it does in training).
 *
 * <p>With {@code norm_pix_loss} the model predicts normalised patches; each predicted patch is
 * mapped back with the mean and unbiased variance of the same patch of the input, {@code pred ·
 * √(var + 1e−6) + mean}, as the official MAE visualisations do. Removed patches thus take their
 * brightness and contrast from the original, only their structure is predicted.
 *
 * <p>Dimension letters: B images, C channels, H = W pixels, N patches, K = P·P·C.
 */
final class ReconstructionPreview {

    private static final long PREVIEW_SALT = 0x7072657669657721L;

    private final HostBatch batch;
    private final long maskSeed;
    private final float[] mean;
    private final float[] std;

    /**
     * @param batch the images (normalised, as the model sees them)
     * @param runSeed the run seed (the preview masks derive from it)
     * @param mean per-channel normalisation mean ({@code data.mean})
     * @param std per-channel normalisation std ({@code data.std})
     */
    ReconstructionPreview(HostBatch batch, long runSeed, float[] mean, float[] std) {
        this.batch = batch;
        this.maskSeed = SeedMix.mix(runSeed, PREVIEW_SALT);
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Maps normalised-pixel predictions back to pixels with each patch's own statistics:
     * {@code pred · √(var + 1e−6) + mean}, mean and unbiased variance over the patch's P·P·C values
     * of {@code imgs} (the inverse of the {@code norm_pix_loss} target).
     *
     * @param pred (B, N, K) predictions in normalised-pixel space
     * @param imgs (B, C, H, W) the input images
     * @param patchSize P
     * @return (B, N, K)
     */
    static NDArray unnormalize(NDArray pred, NDArray imgs, int patchSize) {
        NDArray target = Patchify.patchify(imgs, patchSize); // (B, N, K)
        long k = target.getShape().get(2);
        NDArray mu = target.mean(new int[] {-1}, true); // (B, N, 1)
        NDArray var = target.sub(mu).square().sum(new int[] {-1}, true).div(k - 1); // (B, N, 1), unbiased
        return pred.mul(var.add(MaeLoss.NORM_PIX_EPS).sqrt()).add(mu); // (B, N, K)
    }

    /**
     * The panels as normalised (B, C, H, W) arrays, flattened, and the masks.
     *
     * @param original the input images
     * @param masked the input with removed patches set to 0 (the mean colour once de-normalised)
     * @param reconstruction the prediction of every patch, in normalised-image space
     * @param pasted the input where kept, the prediction where removed
     * @param mask (B, N) 1 = removed
     * @param perSampleLoss (B) the training loss of each image under these masks
     */
    record Panels(float[] original, float[] masked, float[] reconstruction, float[] pasted, float[] mask,
            float[] perSampleLoss) {}

    /** One inference forward of the fixed images under the preview masks of {@code epoch}. */
    Panels compute(MaeModel model, MaskStrategy strategy, int epoch, NDManager root) {
        MaeConfig cfg = model.config();
        int b = batch.size();
        int c = cfg.inChans();
        int p = cfg.patchSize();
        int g = cfg.gridSize();
        try (NDManager m = root.newSubManager()) {
            NDArray imgs = batch.toNDArray(m); // (B, C, H, W)
            MaskResult mr = strategy.sample(new MaskContext(b, g, g, epoch, 0, maskSeed, batch.geometries(),
                    batch.paths()), m);
            MaeOutput out = model.forwardMae(new ParameterStore(m, false), imgs, mr.idsShuffle(), mr.idsRestore(),
                    mr.mask(), mr.lenKeep(), false);
            NDArray pred = out.pred(); // (B, N, K)
            long k = pred.getShape().get(2);
            if (cfg.normPixLoss()) {
                pred = unnormalize(pred, imgs, p); // (B, N, K)
            }
            NDArray recon = Patchify.unpatchify(pred, p, c, g, g); // (B, C, H, W)
            NDArray removed = Patchify.unpatchify(
                    mr.mask().reshape(b, (long) g * g, 1).broadcast(b, (long) g * g, k), p, c, g, g); // (B, C, H, W)
            NDArray kept = removed.neg().add(1f); // (B, C, H, W)
            return new Panels(imgs.toFloatArray(), imgs.mul(kept).toFloatArray(), recon.toFloatArray(),
                    imgs.mul(kept).add(recon.mul(removed)).toFloatArray(), mr.mask().toFloatArray(),
                    out.perSampleLoss().toFloatArray());
        }
    }

    /** The panel table after {@code epoch}: one row per image, 2-pixel lines between panels. */
    RgbImage render(MaeModel model, MaskStrategy strategy, int epoch, NDManager root) {
        MaeConfig cfg = model.config();
        Panels pn = compute(model, strategy, epoch, root);
        int c = cfg.inChans();
        int g = cfg.gridSize();
        int side = cfg.imgSize();
        int n = g * g;
        List<List<RgbImage>> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            float[] row = new float[n];
            System.arraycopy(pn.mask(), i * n, row, 0, n);
            rows.add(List.of(
                    ImageGrid.denormalize(pn.original(), i, c, side, side, mean, std),
                    ImageGrid.denormalize(pn.masked(), i, c, side, side, mean, std),
                    ImageGrid.denormalize(pn.reconstruction(), i, c, side, side, mean, std),
                    ImageGrid.denormalize(pn.pasted(), i, c, side, side, mean, std),
                    ImageGrid.mask(row, g, g, cfg.patchSize())));
        }
        return ImageGrid.table(rows, 2);
    }
}
