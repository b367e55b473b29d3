package io.mae4j.maskeval;

import io.mae4j.data.SeedMix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One image's patches in ascending θ̄ order, ties broken by a seeded random permutation; NaN θ̄ (a
 * patch whose attended set was empty in every head) ranks lowest, as a patch with no measured
 * interrelation. One total order serves both modes, so Top at r and Bottom at 1 − r are
 * complements whenever their drop counts add up to N.
 *
 * <ul>
 *   <li>Top(r): the last n_drop patches of the order (highest θ̄);
 *   <li>Bottom(r): the first n_drop patches (lowest θ̄).
 * </ul>
 * The tie-break depends only on (seed, image index).
 */
public final class ThetaOrder {

    private final int[] ascending;

    private ThetaOrder(int[] ascending) {
        this.ascending = ascending;
    }

    /**
     * Orders one image.
     *
     * @param theta θ̄ per patch (patch order)
     * @param seed mask_eval.seed
     * @param image the image's index in the evaluated list
     */
    public static ThetaOrder of(float[] theta, long seed, int image) {
        int n = theta.length;
        int[] perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j;
        }
        // the random position breaks ties
        SeedMix.shuffle(perm, new SplittableRandom(SeedMix.mix(seed, 0x7e7a, image)));
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        // (θ̄ ascending with NaN lowest, then the random position)
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(key(theta[perm[a]]), key(theta[perm[b]]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = perm[idx[i]];
        }
        return new ThetaOrder(out);
    }

    private static double key(float v) {
        return Float.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** All patches, lowest θ̄ first (a copy). */
    public int[] ascending() {
        return ascending.clone();
    }

    /** The n_drop patches of highest θ̄, highest first. */
    public int[] top(int nDrop) {
        int n = ascending.length;
        int[] out = new int[nDrop];
        for (int i = 0; i < nDrop; i++) {
            out[i] = ascending[n - 1 - i];
        }
        return out;
    }

    /** The n_drop patches of lowest θ̄, lowest first. */
    public int[] bottom(int nDrop) {
        return Arrays.copyOf(ascending, nDrop);
    }
}
