package io.mae4j.data;

/**
 * Derives independent 64-bit seeds from tuples such as (seed, epoch) or (seed, epoch, index), so a
 * sample's random numbers depend only on those values, never on thread scheduling. Each value is
 * folded in with the SplitMix64 finaliser; order matters: mix(a, b) ≠ mix(b, a).
 */
public final class SeedMix {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeedMix() {}

    /** A well-scrambled seed for the tuple {@code values}. */
    public static long mix(long... values) {
        long h = fmix(GOLDEN * (values.length + 1));
        for (long v : values) {
            h = fmix(h + GOLDEN + fmix(v ^ 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** SplitMix64's output function (Steele, Lea, Flood 2014). */
    static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Shuffles {@code a} in place (Fisher–Yates from the end: one {@code rng.nextInt(i + 1)} per
     * position i = n−1 … 1), so the same generator state always gives the same order.
     */
    public static void shuffle(int[] a, java.util.SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
