package io.mae4j.maskeval;

import io.mae4j.data.SeedMix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random-drop control: for image i and repeat k a uniform random permutation of the N patches
 * from SplittableRandom(mix(seed, i, k)); ratio r drops its first n_drop entries. Draws are thus
 * different per image and per repeat, reproducible from the seed, independent of batching, and
 * nested across ratios (the patches dropped at a smaller ratio are also dropped at a larger one).
 */
public final class RandomDrops {

    private RandomDrops() {}

    /**
     * The first n_drop patches of the (seed, image, repeat) permutation.
     *
     * @param n N
     * @param nDrop how many to drop, 0 ≤ n_drop ≤ N
     */
    public static int[] draw(int n, int nDrop, long seed, int image, int repeat) {
        return Arrays.copyOf(permutation(n, seed, image, repeat), nDrop);
    }

    /** The full permutation of 0 … n−1 for (seed, image, repeat). */
    public static int[] permutation(int n, long seed, int image, int repeat) {
        return shuffle(n, new SplittableRandom(SeedMix.mix(seed, 0x4a4d, image, repeat)));
    }

    /**
     * {@code count} patches drawn uniformly without replacement from {@code candidates}
     * (a partial Fisher-Yates shuffle).
     */
    public static int[] choose(int[] candidates, int count, SplittableRandom rng) {
        if (count < 0 || count > candidates.length) {
            throw new IllegalArgumentException("cannot draw " + count + " of " + candidates.length + " candidates");
        }
        int[] c = candidates.clone();
        for (int i = 0; i < count; i++) {
            int r = i + rng.nextInt(c.length - i);
            int t = c[i];
            c[i] = c[r];
            c[r] = t;
        }
        return Arrays.copyOf(c, count);
    }

    private static int[] shuffle(int n, SplittableRandom rng) {
        int[] all = new int[n];
        for (int j = 0; j < n; j++) {
            all[j] = j;
        }
        return choose(all, n, rng);
    }
}
