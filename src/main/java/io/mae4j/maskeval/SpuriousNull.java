package io.mae4j.maskeval;

import io.mae4j.data.SeedMix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The null of the spurious-correlation finder: is an image's keypoint set less attention-cohesive
 * than a random patch set of the same size in the same image?
 *
 * <p>Statistic of a patch set P: its <b>cohesion</b> c(P) = Σ_{i∈P} Σ_{j∈P, j≠i} a_ij / Σ_{i∈P} Σ_{j≠i} a_ij,
 * the share of the attended mass of P's patches that stays in P, where a_ij is the share of
 * (layer, head) pairs with j in i's attended set ({@link io.mae4j.analysis.AttendedShares}). The
 * observed value is c(K) for the keypoint patches K (t &gt; 0). The null draws {@code draws} uniformly
 * random sets R of |K| patches of the same image (seeded by the seed and the image index) and
 * computes c(R). One-sided p-value for "K attends outside itself more than chance":
 * p = (1 + #{r : c(R_r) ≤ c(K)}) / (1 + draws). Images with |K| ∈ {0, 1, N} or no attended mass are
 * not testable (p = 1). The images are flagged by Benjamini–Hochberg at false-discovery rate q
 * ({@link #benjaminiHochberg}). Random sets ignore spatial clustering: a compact keypoint set attended
 * locally is more cohesive than scattered random sets, so the null errs towards not flagging.
 */
public final class SpuriousNull {

    /**
     * One image's test.
     *
     * @param observed c(K)
     * @param nullMean mean of c(R) over the draws (NaN when not testable)
     * @param p one-sided p-value (1 when not testable)
     */
    public record ImageTest(double observed, double nullMean, double p) {}

    private SpuriousNull() {}

    /**
     * Tests one image.
     *
     * @param counts t_j per patch (N)
     * @param share [i][j] share of (layer, head) pairs with j ∈ S_i (N × N)
     * @param draws random sets drawn
     * @param seed seed
     * @param image the image's index (part of the seed)
     */
    public static ImageTest test(int[] counts, float[][] share, int draws, long seed, int image) {
        int n = counts.length;
        boolean[] inK = new boolean[n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            inK[j] = counts[j] > 0;
            k += inK[j] ? 1 : 0;
        }
        double observed = cohesion(inK, share);
        if (k < 2 || k >= n || Double.isNaN(observed)) {
            return new ImageTest(observed, Double.NaN, 1.0);
        }
        SplittableRandom rng = new SplittableRandom(SeedMix.mix(seed, 0x6e756c6cL, image));
        int[] order = new int[n];
        boolean[] inR = new boolean[n];
        int low = 0;
        double sum = 0;
        int defined = 0;
        for (int r = 0; r < draws; r++) {
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            SeedMix.shuffle(order, rng);
            Arrays.fill(inR, false);
            for (int j = 0; j < k; j++) {
                inR[order[j]] = true;
            }
            double c = cohesion(inR, share);
            if (Double.isNaN(c)) {
                continue; // no attended mass from this set: it says nothing
            }
            defined++;
            sum += c;
            if (c <= observed) {
                low++;
            }
        }
        return new ImageTest(observed, defined == 0 ? Double.NaN : sum / defined, (1.0 + low) / (1.0 + defined));
    }

    /** c(P); NaN when P's patches attend to nothing outside themselves or P is empty. */
    static double cohesion(boolean[] in, float[][] share) {
        double inside = 0;
        double total = 0;
        for (int i = 0; i < in.length; i++) {
            if (!in[i]) {
                continue;
            }
            for (int j = 0; j < in.length; j++) {
                if (j == i) {
                    continue;
                }
                total += share[i][j];
                if (in[j]) {
                    inside += share[i][j];
                }
            }
        }
        return total > 0 ? inside / total : Double.NaN;
    }

    /**
     * Benjamini–Hochberg step-up: with the p-values sorted ascending, the largest rank r with
     * p_(r) ≤ r · q / m; every p-value of rank ≤ r is a discovery.
     *
     * @return per input, whether it is a discovery
     */
    public static boolean[] benjaminiHochberg(double[] p, double q) {
        int m = p.length;
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(p[x], p[y]));
        int cut = 0;
        for (int r = 1; r <= m; r++) {
            if (p[idx[r - 1]] <= r * q / m) {
                cut = r;
            }
        }
        boolean[] out = new boolean[m];
        for (int r = 0; r < cut; r++) {
            out[idx[r]] = true;
        }
        return out;
    }
}
