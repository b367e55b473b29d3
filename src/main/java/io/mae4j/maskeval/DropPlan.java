package io.mae4j.maskeval;

import java.util.Arrays;

/**
 * How many patches a drop ratio removes, and the kept-index list of a drop set.
 *
 * <p>Rounding (pinned by tests): n_drop = round-half-up(r · N) = {@code Math.round(r * N)} in
 * double precision, e.g. N = 196: r = 0.05 → 10, 0.1 → 20, 0.2 → 39, 0.3 → 59, 0.4 → 78. A ratio
 * must satisfy 0 ≤ r &lt; 1 and keep at least one patch.
 */
public final class DropPlan {

    private DropPlan() {}

    /**
     * n_drop for ratio r of N patches.
     *
     * @throws IllegalArgumentException naming the ratio when it is outside [0, 1) or would drop every patch
     */
    public static int count(double ratio, int n) {
        checkRatio(ratio);
        int d = (int) Math.round(ratio * n);
        if (d >= n) {
            throw new IllegalArgumentException("mask_eval ratio " + ratio + " drops all " + n
                    + " patches (round(r · N) = " + d + "); use a smaller ratio");
        }
        return d;
    }

    /**
     * Checks 0 ≤ r &lt; 1.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static void checkRatio(double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("mask_eval ratio " + ratio + " is outside [0, 1): a ratio is the share"
                    + " of patches dropped, e.g. ratios=0.05,0.1,0.2,0.3,0.4");
        }
    }

    /**
     * The kept patch indices, ascending (patch order), given the dropped ones.
     *
     * @param dropped distinct indices in [0, n)
     * @param n N
     */
    public static long[] kept(int[] dropped, int n) {
        boolean[] gone = new boolean[n];
        for (int j : dropped) {
            if (j < 0 || j >= n || gone[j]) {
                throw new IllegalArgumentException("dropped patches must be distinct indices in [0, " + n + "), got "
                        + Arrays.toString(dropped));
            }
            gone[j] = true;
        }
        long[] out = new long[n - dropped.length];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (!gone[j]) {
                out[k++] = j;
            }
        }
        return out;
    }
}
