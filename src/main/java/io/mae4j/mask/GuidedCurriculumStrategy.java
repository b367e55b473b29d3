package io.mae4j.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The guided curriculum mask (src/site/markdown/definitions.md, "Guided curriculum mask", paper 5.2).
 *
 * <p>Per image, with N patches, K = the patches holding at least one SIFT keypoint of the crop the
 * model sees and θ̄ resampled at the crop's patch centres ({@link CropScores}):
 *
 * <ul>
 *   <li>M = N − lenKeep masked patches with lenKeep = (int) (N · (1 − r)) as in MAE ({@link
 *       MaskResults#lenKeep}), so guided and random runs mask the same number of patches and every
 *       image of the batch keeps the same number. This equals round(r · N) whenever r · N is an
 *       integer (the paper: 0.5 · 196 = 98); otherwise it is ⌈r · N⌉.
 *   <li>M_K = round(β(epoch) · M) (half up) patches of K, highest θ̄ first; M − M_K patches outside
 *       K, lowest θ̄ first. Ties are broken at random.
 *   <li>When K has fewer than M_K patches all of K is masked and the rest comes from outside K; when
 *       the outside has fewer than M − M_K, K fills the gap (next highest θ̄).
 *   <li>Patches whose θ̄ is NaN (no score in the cache) have the lowest priority in both lists: they
 *       are masked only when the defined ones of their list run out.
 *   <li>With τ &gt; 0 each list is ordered by Gumbel top-k on θ̄ / τ (K) and −θ̄ / τ (outside K)
 *       instead of strictly.
 * </ul>
 *
 * All randomness comes from {@code new SplittableRandom(context.seed())}. Logged scalars: {@code
 * mask/beta} = β(epoch) and {@code mask/beta_effective} = batch mean of (masked patches in K) / M
 * (0 when M = 0). An image the score source does not know is an error that names the file and
 * asks to rebuild the cache: silently masking it at random would corrupt the ablation.
 */
public final class GuidedCurriculumStrategy implements MaskStrategy {

    /** The config name, {@code mask.name = guided_curriculum}. */
    public static final String NAME = "guided_curriculum";

    private final double maskRatio;
    private final BetaSchedule schedule;
    private final ScoreSource scores;
    private final double tau;

    /**
     * @param maskRatio r, fraction of removed patches in [0, 1) (paper: 0.5)
     * @param schedule β per epoch
     * @param scores keypoints and θ̄ of each source image
     * @param tau Gumbel temperature; 0 = strict θ̄ order
     */
    public GuidedCurriculumStrategy(double maskRatio, BetaSchedule schedule, ScoreSource scores, double tau) {
        MaskResults.checkRatio(maskRatio);
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("mask.guided.tau must be a finite number ≥ 0 (0 = strict order), got " + tau);
        }
        this.maskRatio = maskRatio;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.scores = Objects.requireNonNull(scores, "score source");
        this.tau = tau;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** r. */
    public double maskRatio() {
        return maskRatio;
    }

    /** The β schedule. */
    public BetaSchedule schedule() {
        return schedule;
    }

    /** τ, 0 = strict order. */
    public double tau() {
        return tau;
    }

    @Override
    public MaskResult sample(MaskContext context, NDManager manager) {
        int b = context.batchSize();
        int n = context.numPatches();
        int lenKeep = MaskResults.lenKeep(n, maskRatio);
        int m = n - lenKeep;
        double beta = schedule.at(context.epoch());
        SplittableRandom rng = new SplittableRandom(context.seed());
        double[] keys = new double[b * n];
        double effective = 0;
        for (int i = 0; i < b; i++) {
            CropScores cs = CropScores.forSample(scores, context, i, NAME);
            boolean[] masked = choose(cs.counts(), cs.theta(), m, beta, rng, tau);
            int maskedK = 0;
            for (int j = 0; j < n; j++) {
                if (masked[j] && cs.counts()[j] > 0) {
                    maskedK++;
                }
            }
            effective += m == 0 ? 0 : (double) maskedK / m;
            PatchRanking.writeKeys(masked, keys, i * n, rng);
        }
        Map<String, Double> scalars = Map.of("mask/beta", beta, "mask/beta_effective", effective / b);
        try (NDArray keyArray = manager.create(keys, new Shape(b, n))) { // (B, N) float64
            return MaskResults.fromSortKeys(keyArray, lenKeep, scalars, manager);
        }
    }

    /**
     * The curriculum choice for one image.
     *
     * @param counts keypoint counts t_j (K = {j : t_j &gt; 0}), length N
     * @param theta θ̄ per patch, length N, NaN = undefined
     * @param m M, the number of patches to mask, ≤ N
     * @param beta β
     * @param rng tie-break randomness
     * @param tau 0 = strict order, &gt; 0 = Gumbel top-k temperature
     * @return masked[j], exactly M of them true
     */
    static boolean[] choose(int[] counts, float[] theta, int m, double beta, SplittableRandom rng, double tau) {
        int n = counts.length;
        int k = 0;
        for (int t : counts) {
            if (t > 0) {
                k++;
            }
        }
        int[] inK = new int[k];
        int[] outK = new int[n - k];
        for (int j = 0, a = 0, c = 0; j < n; j++) {
            if (counts[j] > 0) {
                inK[a++] = j;
            } else {
                outK[c++] = j;
            }
        }
        int fromK = Math.min((int) Math.round(beta * m), k);
        int fromOut = Math.min(m - fromK, n - k);
        fromK = m - fromOut;
        int[] kOrder = PatchRanking.descending(inK, theta, rng, tau); // θ̄ descending
        int[] outOrder = PatchRanking.descending(outK, PatchRanking.negated(theta), rng, tau); // θ̄ ascending
        boolean[] masked = new boolean[n];
        for (int i = 0; i < fromK; i++) {
            masked[kOrder[i]] = true;
        }
        for (int i = 0; i < fromOut; i++) {
            masked[outOrder[i]] = true;
        }
        return masked;
    }

    @Override
    public String toString() {
        return "GuidedCurriculumStrategy[maskRatio=" + maskRatio + ", " + schedule + ", tau=" + tau + "]";
    }
}
