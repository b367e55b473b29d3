package io.mae4j.mask;

import io.mae4j.data.SeedMix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Orders candidate patches by a priority for score-guided masking, and turns a chosen set of
 * masked patches into MAE sort keys.
 *
 * <p>Ordering: highest priority first; patches whose priority is NaN (no θ̄ in the cache) come
 * after every defined one; ties, NaN ones included, are broken by a uniform random draw. With a
 * temperature τ &gt; 0 the order is the Gumbel top-k sample instead: priority / τ + Gumbel(0, 1)
 * noise, −ln(−ln U), sorted descending, which draws patches without replacement with probability
 * ∝ exp(priority / τ); NaN ones still come last.
 */
final class PatchRanking {

    private PatchRanking() {}

    /**
     * Candidates ordered by priority, highest first.
     *
     * @param candidates patch indices
     * @param priority per-patch priority, indexed by patch index (NaN = lowest)
     * @param rng tie-break and Gumbel randomness; one or two draws per candidate, in candidate order
     * @param tau 0 for strict order, &gt; 0 for Gumbel top-k at that temperature
     * @return a new array with the candidates reordered
     */
    static int[] descending(int[] candidates, float[] priority, SplittableRandom rng, double tau) {
        int c = candidates.length;
        int[] shuffled = candidates.clone();
        SeedMix.shuffle(shuffled, rng); // a random position breaks ties
        long[] sortable = new long[c];
        for (int i = 0; i < c; i++) {
            float p = priority[shuffled[i]];
            if (tau > 0 && !Float.isNaN(p)) {
                double u = Math.max(Double.MIN_NORMAL, rng.nextDouble());
                p = (float) (p / tau - Math.log(-Math.log(u)));
            }
            sortable[i] = ((long) descendingKey(p) << 32) | i; // (priority desc, random position)
        }
        Arrays.sort(sortable);
        int[] out = new int[c];
        for (int i = 0; i < c; i++) {
            out[i] = shuffled[(int) sortable[i]];
        }
        return out;
    }

    /**
     * An int whose ascending order is the descending order of the float, NaN last: the float's bits
     * made order-preserving as a signed int, then complemented.
     */
    static int descendingKey(float p) {
        if (Float.isNaN(p)) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToIntBits(p + 0.0f); // −0 → +0
        int ascending = bits ^ ((bits >> 31) & 0x7fffffff);
        return ~ascending;
    }

    /** The priorities negated (θ̄ ascending becomes descending); NaN stays NaN. */
    static float[] negated(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }

    /** All patch indices 0 … n−1. */
    static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * Writes MAE sort keys for one image: kept patches get U[0, 1), masked ones 1 + U[0, 1), so with
     * lenKeep = N − #masked {@link MaskResults#fromSortKeys} removes exactly the chosen patches and
     * orders the visible ones at random, as MAE's random masking does.
     *
     * @param masked per-patch choice, length N
     * @param keys (B·N) row-major sort keys, written at {@code offset … offset + N − 1}
     */
    static void writeKeys(boolean[] masked, double[] keys, int offset, SplittableRandom rng) {
        for (int j = 0; j < masked.length; j++) {
            keys[offset + j] = (masked[j] ? 1.0 : 0.0) + rng.nextDouble();
        }
    }
}
