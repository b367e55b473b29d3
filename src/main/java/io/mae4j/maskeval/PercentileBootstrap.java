package io.mae4j.maskeval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals over images (seeded). A resample draws n image indices uniformly
 * with replacement; the statistic is the mean of the per-image values (accuracy when the values
 * are 0/1). The 95% interval is [q(0.025), q(0.975)] of the B resampled statistics, where q(p) is
 * the nearest-rank quantile: the ⌈p·B⌉-th smallest value (1-based; at least the 1st). A paired
 * interval resamples the same indices for both conditions and takes the mean difference.
 *
 * @param resamples B
 * @param seed seed of the resampling
 */
public record PercentileBootstrap(int resamples, long seed) {

    /** Checks B ≥ 1. */
    public PercentileBootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("mask_eval.bootstrap must be at least 1, got " + resamples);
        }
    }

    /**
     * A 95% interval.
     *
     * @param low lower bound
     * @param high upper bound
     */
    public record Interval(double low, double high) {}

    /** The 95% percentile interval of the mean of {@code values}. */
    public Interval mean(double[] values) {
        return paired(values, new double[values.length]);
    }

    /** The 95% percentile interval of mean(a) − mean(b) with images resampled in pairs. */
    public Interval paired(double[] a, double[] b) {
        int n = a.length;
        if (b.length != n) {
            throw new IllegalArgumentException("paired bootstrap of " + n + " and " + b.length + " values");
        }
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        for (int s = 0; s < resamples; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                sum += a[k] - b[k];
            }
            stats[s] = sum / n;
        }
        Arrays.sort(stats);
        return new Interval(quantile(stats, 0.025), quantile(stats, 0.975));
    }

    /** Nearest-rank quantile of sorted values: the ⌈p·B⌉-th smallest (1-based, at least 1). */
    static double quantile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
