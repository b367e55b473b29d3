package io.mae4j.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The official MAE {@code random_masking}: per-patch noise ~ U(0, 1), keep the {@code lenKeep}
 * patches with the smallest noise. Every image loses exactly {@code N − lenKeep} patches with
 * {@code lenKeep = (int) (N · (1 − maskRatio))}.
 *
 * <p>The noise is drawn in Java from {@code new SplittableRandom(context.seed())}, row-major over
 * (B, N), so masks depend only on the seed and not on libtorch's RNG state. {@link #fromNoise}
 * accepts an external noise tensor instead (like the {@code noise} argument of HuggingFace ViTMAE).
 */
public final class RandomMaskStrategy implements MaskStrategy {

    /** The config name, {@code mask.name = random}. */
    public static final String NAME = "random";

    private final double maskRatio;

    /**
     * @param maskRatio fraction of removed patches, in [0, 1) (MAE: 0.75)
     */
    public RandomMaskStrategy(double maskRatio) {
        MaskResults.checkRatio(maskRatio);
        this.maskRatio = maskRatio;
    }

    /** The fraction of removed patches. */
    public double maskRatio() {
        return maskRatio;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MaskResult sample(MaskContext context, NDManager manager) {
        int b = context.batchSize();
        int n = context.numPatches();
        SplittableRandom rng = new SplittableRandom(context.seed());
        double[] noise = new double[b * n];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextDouble();
        }
        try (NDArray noiseArray = manager.create(noise, new Shape(b, n))) { // (B, N) float64
            return fromNoise(noiseArray, manager);
        }
    }

    /**
     * Masks with a given noise tensor: the patches with the {@code lenKeep} smallest noise values of
     * each row are kept.
     *
     * @param noise (B, N) floating point noise; left untouched
     * @param manager where the result arrays are attached
     * @return the masks
     */
    public MaskResult fromNoise(NDArray noise, NDManager manager) {
        if (noise.getShape().dimension() != 2) {
            throw new IllegalArgumentException("noise must be (B, N), got shape " + noise.getShape());
        }
        int lenKeep = MaskResults.lenKeep((int) noise.getShape().get(1), maskRatio);
        return MaskResults.fromSortKeys(noise, lenKeep, Map.of(), manager);
    }

    @Override
    public String toString() {
        return "RandomMaskStrategy[maskRatio=" + maskRatio + "]";
    }
}
