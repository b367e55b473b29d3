package io.mae4j.analysis;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Wilcoxon signed-rank test on paired values, with Commons Math's ranking, exact distribution and
 * normal distribution. Pairs with a NaN are dropped, and so are zero differences (Wilcoxon's
 * convention, scipy's default; Commons Math would rank zeros and count them as negative).
 *
 * <p>p-value: exact when n ≤ {@value #EXACT_MAX} and no |difference| is tied: 2 · P(W ≥ max(W+,
 * W−)) under the null, from the distribution of the rank sum over all 2<sup>n</sup> sign patterns
 * (counted by dynamic programming; equal to Commons Math's enumeration, which is limited to n ≤ 30);
 * otherwise the normal approximation, as scipy's {@code wilcoxon(method="approx",
 * correction=True)}: z = (min(W+, W−) − n(n+1)/4 + 0.5) / σ, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48
 * over groups of t tied values. (Commons Math's own approximation shifts by −0.5, away from the
 * mean, which makes p too small.)
 */
public final class PairedWilcoxon {

    /** Largest n with an exact p-value (scipy's rule for {@code method="auto"}). */
    public static final int EXACT_MAX = 50;

    private PairedWilcoxon() {}

    /**
     * Tests x against y.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static WilcoxonResult test(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired test needs equal lengths, got " + x.length + " and " + y.length);
        }
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        int n = 0;
        int zeros = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            if (x[i] == y[i]) {
                zeros++;
                continue;
            }
            a[n] = x[i];
            b[n] = y[i];
            n++;
        }
        if (n == 0) {
            return new WilcoxonResult(0, zeros, 0, 0, Double.NaN, false, Double.NaN);
        }
        a = Arrays.copyOf(a, n);
        b = Arrays.copyOf(b, n);
        double[] absDiff = new double[n];
        for (int i = 0; i < n; i++) {
            absDiff[i] = Math.abs(a[i] - b[i]);
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(absDiff);
        double wPlus = 0;
        double wMinus = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] > b[i]) {
                wPlus += ranks[i];
            } else {
                wMinus += ranks[i];
            }
        }
        double ties = tieTerm(absDiff);
        boolean exact = n <= EXACT_MAX && ties == 0;
        double p = exact ? exactPValue(Math.max(wPlus, wMinus), n) : normalPValue(Math.min(wPlus, wMinus), n, ties);
        return new WilcoxonResult(n, zeros, wPlus, wMinus, Math.min(1.0, p), exact, (wPlus - wMinus) / (wPlus + wMinus));
    }

    /**
     * Two-sided exact p-value: 2 · #{sign patterns with rank sum ≥ wMax} / 2<sup>n</sup>, ranks 1..n.
     */
    static double exactPValue(double wMax, int n) {
        int total = n * (n + 1) / 2;
        double[] count = new double[total + 1]; // count[w]: subsets of {1..k} with sum w
        count[0] = 1;
        for (int k = 1; k <= n; k++) {
            for (int w = k * (k + 1) / 2; w >= k; w--) {
                count[w] += count[w - k];
            }
        }
        double tail = 0;
        for (int w = (int) Math.ceil(wMax - 1e-9); w <= total; w++) {
            tail += count[w];
        }
        return Math.min(1.0, 2 * tail / Math.pow(2, n));
    }

    /** Two-sided normal approximation with continuity and tie corrections. */
    static double normalPValue(double wMin, int n, double tieTerm) {
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        if (var <= 0) {
            return 1.0;
        }
        double z = (wMin - mean + 0.5) / Math.sqrt(var);
        return Math.min(1.0, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(Math.min(z, 0)));
    }

    /** Σ (t³ − t) over groups of t equal values. */
    static double tieTerm(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j < v.length && v[j] == v[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
            i = j;
        }
        return sum;
    }
}
