package io.mae4j.maskeval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The paper's spurious-correlation finder (section 5.1): a keypoint patch that assigns most of its
 * attention to non-keypoint patches is a spurious correlation, however many keypoints it holds.
 *
 * <p>Definitions (pinned by tests):
 * <ul>
 *   <li>keypoint patch i (t_i &gt; 0) is <b>flagged</b> (KN-dominant) when θ̄_i &lt; threshold
 *       (default 0.5: less than half of its attended mass, in keypoint-weighted terms, lies on
 *       keypoint patches); NaN θ̄ is never flagged;
 *   <li>a flagged i <b>attends to</b> non-keypoint patch j (t_j = 0) when j ∈ S_i in at least
 *       {@code minShare} of the (layer, head) pairs ({@link io.mae4j.analysis.AttendedShares});
 *   <li>the image's <b>drop set</b>: every attended j, ranked by W_j = Σ over flagged i attending to
 *       j of share_ij (ties: lower index first), cut to the first {@code maxDrop}.
 * </ul>
 */
public final class SpuriousFinder {

    private final double threshold;
    private final double minShare;
    private final int maxDrop;

    /**
     * @param threshold θ̄ below which a keypoint patch is flagged
     * @param minShare share of (layer, head) pairs with j ∈ S_i that makes j attended, in (0, 1]
     * @param maxDrop most patches in a drop set
     */
    public SpuriousFinder(double threshold, double minShare, int maxDrop) {
        if (!(minShare > 0 && minShare <= 1) || maxDrop < 0) {
            throw new IllegalArgumentException("mask_eval.spurious needs 0 < min_share <= 1 and a drop cap >= 0, got "
                    + minShare + " and " + maxDrop);
        }
        this.threshold = threshold;
        this.minShare = minShare;
        this.maxDrop = maxDrop;
    }

    /**
     * One flagged patch.
     *
     * @param patch i
     * @param theta θ̄_i
     * @param keypoints t_i
     * @param attends the non-keypoint patches it attends to, most attended first
     * @param shares their shares, same order
     */
    public record Flag(int patch, float theta, int keypoints, int[] attends, float[] shares) {}

    /**
     * The finding on one image.
     *
     * @param flagged the flagged keypoint patches, in patch order
     * @param drop the drop set, most attended first
     * @param keypointPatches |K|
     */
    public record Finding(List<Flag> flagged, int[] drop, int keypointPatches) {}

    /**
     * Finds the flagged patches and the drop set of one image.
     *
     * @param theta θ̄ per patch (N)
     * @param counts t_j per patch (N)
     * @param share [i][j] share of (layer, head) pairs with j ∈ S_i (N × N)
     */
    public Finding find(float[] theta, int[] counts, float[][] share) {
        int n = theta.length;
        if (counts.length != n || share.length != n) {
            throw new IllegalArgumentException("θ̄, counts and shares must cover the same " + n + " patches");
        }
        List<Flag> flags = new ArrayList<>();
        double[] weight = new double[n];
        int keyPatches = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] <= 0) {
                continue;
            }
            keyPatches++;
            if (!(theta[i] < threshold)) {
                continue;
            }
            List<Integer> js = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (counts[j] == 0 && share[i][j] >= minShare) {
                    js.add(j);
                    weight[j] += share[i][j];
                }
            }
            final int q = i;
            js.sort(Comparator.comparingDouble((Integer j) -> -share[q][j]).thenComparingInt(j -> j));
            int[] att = js.stream().mapToInt(Integer::intValue).toArray();
            float[] sh = new float[att.length];
            for (int k = 0; k < att.length; k++) {
                sh[k] = share[i][att[k]];
            }
            flags.add(new Flag(i, theta[i], counts[i], att, sh));
        }
        List<Integer> drop = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (weight[j] > 0) {
                drop.add(j);
            }
        }
        drop.sort(Comparator.comparingDouble((Integer j) -> -weight[j]).thenComparingInt(j -> j));
        int[] d = drop.stream().mapToInt(Integer::intValue).limit(maxDrop).toArray();
        return new Finding(flags, d, keyPatches);
    }

    /** The non-keypoint patches (t_j = 0), ascending: the pool of the random control. */
    public static int[] nonKeypoints(int[] counts) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                out.add(j);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
