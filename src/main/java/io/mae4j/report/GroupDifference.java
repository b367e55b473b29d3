package io.mae4j.report;

import java.util.Locale;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * A test of the difference between two groups of runs (one value per run, e.g. each seed's best
 * k-NN top-1): Welch's unequal-variance t-test (two-sided, Commons Math) and the exact two-sided
 * permutation test of the difference of means (every split of the pooled values into groups of the
 * same sizes; p = share of splits with |mean difference| ≥ the observed one, the observed split
 * included). Effect size: Cohen's d with the pooled sample sd.
 *
 * <p>The verdict reads Welch's p at {@link #ALPHA}: "no difference beyond noise" when p ≥ α. With
 * small groups the permutation test cannot reach α at all (3 vs 3 runs: its smallest p is 2/20 =
 * 0.1); {@link #minPermutationP()} says so.
 *
 * @param metric what was compared (e.g. "best k-NN top-1")
 * @param a name of the first group
 * @param b name of the second group
 * @param na runs in a
 * @param nb runs in b
 * @param meanA mean of a
 * @param meanB mean of b
 * @param welchT Welch's t statistic of a − b
 * @param welchP two-sided Welch p-value (NaN when both groups have zero variance)
 * @param permutationP exact two-sided permutation p-value
 * @param minPermutationP the smallest p the permutation test can give at these sizes
 * @param cohensD (mean a − mean b) / pooled sd (NaN when the pooled sd is 0)
 */
public record GroupDifference(String metric, String a, String b, int na, int nb, double meanA, double meanB,
        double welchT, double welchP, double permutationP, double minPermutationP, double cohensD) {

    /** Significance level of the verdict. */
    public static final double ALPHA = 0.05;

    /** Largest number of splits enumerated (C(20, 10) = 184,756). */
    static final long MAX_SPLITS = 200_000;

    /**
     * Tests a against b.
     *
     * @throws IllegalArgumentException when a group has fewer than 2 values or the split count is too large
     */
    public static GroupDifference of(String metric, String a, double[] va, String b, double[] vb) {
        if (va.length < 2 || vb.length < 2) {
            throw new IllegalArgumentException("a difference test needs ≥ 2 runs per group; " + a + " has " + va.length
                    + ", " + b + " has " + vb.length);
        }
        double ma = mean(va);
        double mb = mean(vb);
        double sa = var(va, ma);
        double sb = var(vb, mb);
        double t;
        double p;
        if (sa == 0 && sb == 0) {
            t = ma == mb ? 0 : Math.copySign(Double.POSITIVE_INFINITY, ma - mb);
            p = ma == mb ? 1 : Double.NaN;
        } else {
            TTest tt = new TTest();
            t = tt.t(va, vb);
            p = tt.tTest(va, vb);
        }
        double pooled = Math.sqrt(((va.length - 1) * sa + (vb.length - 1) * sb) / (va.length + vb.length - 2));
        double d = pooled == 0 ? Double.NaN : (ma - mb) / pooled;
        double[] perm = permutation(va, vb);
        return new GroupDifference(metric, a, b, va.length, vb.length, ma, mb, t, p, perm[0], perm[1], d);
    }

    /** Whether Welch's test finds a difference at {@link #ALPHA}. */
    public boolean significant() {
        return welchP < ALPHA;
    }

    /** One markdown sentence: the verdict, both p-values, the effect size and the n. */
    public String sentence() {
        String verdict = significant()
                ? String.format(Locale.ROOT, "difference beyond noise (%s %s %s)", a, meanA > meanB ? ">" : "<", b)
                : "no difference beyond noise";
        String s = String.format(Locale.ROOT, "**%s**, %s vs %s: %.4f vs %.4f (n = %d vs %d): %s — Welch t = %.3f,"
                + " p = %s; exact permutation p = %.3f; Cohen's d = %s.", metric, a, b, meanA, meanB, na, nb, verdict,
                welchT, p(welchP), permutationP, Double.isNaN(cohensD) ? "n/a" : String.format(Locale.ROOT, "%.2f", cohensD));
        if (minPermutationP >= ALPHA) {
            s += String.format(Locale.ROOT, " (with these %d vs %d values, ties included, the permutation test cannot go below p = %.3f.)", na,
                    nb, minPermutationP);
        }
        return s;
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "n/a (no variance)" : v < 1e-3 ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** {exact two-sided p, smallest attainable p} by enumerating every split of the pooled values. */
    static double[] permutation(double[] va, double[] vb) {
        int n = va.length + vb.length;
        int k = va.length;
        long splits = binomial(n, k);
        if (splits > MAX_SPLITS) {
            throw new IllegalArgumentException("exact permutation test over " + splits + " splits is too large (max "
                    + MAX_SPLITS + "); compare fewer runs");
        }
        double[] all = new double[n];
        System.arraycopy(va, 0, all, 0, k);
        System.arraycopy(vb, 0, all, k, vb.length);
        double total = 0;
        for (double v : all) {
            total += v;
        }
        double observed = Math.abs(mean(va) - mean(vb));
        double tol = 1e-12 * Math.max(1, Math.abs(observed));
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        long extreme = 0;
        // distinct |difference| values, to find how many splits the most extreme value has
        java.util.TreeMap<Double, Long> counts = new java.util.TreeMap<>();
        while (true) {
            double sumA = 0;
            for (int i : idx) {
                sumA += all[i];
            }
            double diff = Math.abs(sumA / k - (total - sumA) / (n - k));
            if (diff >= observed - tol) {
                extreme++;
            }
            counts.merge(Math.round(diff * 1e9) / 1e9, 1L, Long::sum);
            int i = k - 1;
            while (i >= 0 && idx[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                break;
            }
            idx[i]++;
            for (int j = i + 1; j < k; j++) {
                idx[j] = idx[j - 1] + 1;
            }
        }
        return new double[] {extreme / (double) splits, counts.lastEntry().getValue() / (double) splits};
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double var(double[] v, double m) {
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }
}
