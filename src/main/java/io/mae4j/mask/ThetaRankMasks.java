package io.mae4j.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shared body of the two {@link ThetaRankStrategy} variants: per image, θ̄ at the
 * crop's patch centres ({@link CropScores}), and the M = N − lenKeep patches ranked first masked,
 * ties at random, NaN ranked last (see {@link PatchRanking}).
 */
final class ThetaRankMasks {

    private ThetaRankMasks() {}

    /**
     * @param highest true: mask the highest θ̄ (top), false: the lowest (bottom)
     */
    static MaskResult sample(ScoreSource scores, double maskRatio, boolean highest, String name, MaskContext context,
            NDManager manager) {
        int b = context.batchSize();
        int n = context.numPatches();
        int lenKeep = MaskResults.lenKeep(n, maskRatio);
        SplittableRandom rng = new SplittableRandom(context.seed());
        double[] keys = new double[b * n];
        int[] all = PatchRanking.all(n);
        for (int i = 0; i < b; i++) {
            float[] theta = CropScores.forSample(scores, context, i, name).theta();
            boolean[] masked = choose(highest ? theta : PatchRanking.negated(theta), all, n - lenKeep, rng);
            PatchRanking.writeKeys(masked, keys, i * n, rng);
        }
        try (NDArray keyArray = manager.create(keys, new Shape(b, n))) { // (B, N) float64
            return MaskResults.fromSortKeys(keyArray, lenKeep, Map.of(), manager);
        }
    }

    /** The first {@code m} patches by descending priority. */
    static boolean[] choose(float[] priority, int[] all, int m, SplittableRandom rng) {
        int[] order = PatchRanking.descending(all, priority, rng, 0);
        boolean[] masked = new boolean[priority.length];
        for (int i = 0; i < m; i++) {
            masked[order[i]] = true;
        }
        return masked;
    }

    static ScoreSource require(ScoreSource scores, String name) {
        if (scores == null) {
            throw new IllegalArgumentException("mask.name = " + name + " needs θ scores: build the θ score cache, set "
                    + "mask.guided.cache to it and let the trainer open it (MaskStrategies.create(section, scoreSource))");
        }
        return scores;
    }
}
