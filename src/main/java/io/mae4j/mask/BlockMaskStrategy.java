package io.mae4j.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Block-wise masking as in BEiT ({@code MaskingGenerator}), adapted to MAE: each image gets
 * rectangles of random area and aspect ratio until {@code M = N − lenKeep} patches are covered,
 * {@code lenKeep = (int) (N · (1 − maskRatio))}.
 *
 * <p>Difference from BEiT: BEiT stops when 10 placements in a row fail and accepts fewer masked
 * patches; MAE's encoder needs the same number of visible patches in every image, so the missing
 * patches are then added uniformly at random among the uncovered ones (the block phase never
 * overshoots, so nothing is ever dropped). The logged scalar {@code mask/block_fraction} is the
 * share of masked patches that came from blocks (1.0 = no top-up).
 *
 * <p>{@code ids_shuffle} sorts patches by (mask, random tie-break): kept patches first in random
 * order, then removed ones in random order. All randomness comes from {@code new
 * SplittableRandom(context.seed())}, image after image.
 */
public final class BlockMaskStrategy implements MaskStrategy {

    /** The config name, {@code mask.name = block}. */
    public static final String NAME = "block";

    private final double maskRatio;
    private final int minNumPatches;
    private final int maxNumPatches;
    private final double minAspect;

    /**
     * @param maskRatio fraction of removed patches, in [0, 1)
     * @param minNumPatches smallest block area in patches, ≥ 1 (BEiT: 16)
     * @param maxNumPatches largest block area, 0 = no cap (BEiT: none)
     * @param minAspect smallest block aspect ratio, in (0, 1]; the largest is 1 / minAspect (BEiT: 0.3)
     */
    public BlockMaskStrategy(double maskRatio, int minNumPatches, int maxNumPatches, double minAspect) {
        MaskResults.checkRatio(maskRatio);
        if (minNumPatches < 1) {
            throw new IllegalArgumentException("mask.block.min_num_patches must be ≥ 1, got " + minNumPatches);
        }
        if (maxNumPatches != 0 && maxNumPatches < minNumPatches) {
            throw new IllegalArgumentException("mask.block.max_num_patches (" + maxNumPatches
                    + ") must be 0 (no cap) or ≥ mask.block.min_num_patches (" + minNumPatches + ")");
        }
        if (!(minAspect > 0 && minAspect <= 1)) {
            throw new IllegalArgumentException("mask.block.min_aspect must be in (0, 1], got " + minAspect);
        }
        this.maskRatio = maskRatio;
        this.minNumPatches = minNumPatches;
        this.maxNumPatches = maxNumPatches;
        this.minAspect = minAspect;
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
        int lenKeep = MaskResults.lenKeep(n, maskRatio);
        int target = n - lenKeep;
        BlockMaskGenerator generator = new BlockMaskGenerator(
                context.gridHeight(), context.gridWidth(), target, minNumPatches, maxNumPatches, minAspect);
        SplittableRandom rng = new SplittableRandom(context.seed());
        double[] keys = new double[b * n];
        long fromBlocks = 0;
        for (int i = 0; i < b; i++) {
            boolean[] mask = new boolean[n];
            fromBlocks += generator.generate(rng, mask);
            for (int j = 0; j < n; j++) {
                // primary key: mask (kept first); tie-break in [0, 0.5) keeps the two groups apart
                keys[i * n + j] = (mask[j] ? 1.0 : 0.0) + 0.5 * rng.nextDouble();
            }
        }
        double blockFraction = target == 0 ? 1.0 : fromBlocks / (double) ((long) target * b);
        try (NDArray keyArray = manager.create(keys, new Shape(b, n))) { // (B, N) float64
            return MaskResults.fromSortKeys(keyArray, lenKeep, Map.of("mask/block_fraction", blockFraction), manager);
        }
    }

    @Override
    public String toString() {
        return "BlockMaskStrategy[maskRatio=" + maskRatio + ", minNumPatches=" + minNumPatches
                + ", maxNumPatches=" + maxNumPatches + ", minAspect=" + minAspect + "]";
    }
}
