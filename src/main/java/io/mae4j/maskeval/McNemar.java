package io.mae4j.maskeval;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact McNemar test of two paired classifications of the same images (baseline vs masked):
 * only the discordant pairs count, b = right before and wrong after, c = wrong before and right
 * after. Under H0 (equal accuracy) b ~ Binomial(b + c, 1/2); the two-sided p-value is
 * min(1, 2 · P(X ≤ min(b, c))), and 1 when there is no discordant pair.
 *
 * @param lost b, images the masking made wrong
 * @param gained c, images the masking made right
 * @param pValue two-sided exact p-value
 */
public record McNemar(int lost, int gained, double pValue) {

    /** The test on the two discordant counts. */
    public static McNemar of(int lost, int gained) {
        if (lost < 0 || gained < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got " + lost + " and " + gained);
        }
        int n = lost + gained;
        double p = n == 0 ? 1.0 : Math.min(1.0, 2 * lowerTail(n, Math.min(lost, gained)));
        return new McNemar(lost, gained, p);
    }

    /**
     * P(X ≤ m) for X ~ Binomial(n, 1/2), m ≤ n / 2, summed from the log-pmf: Commons Math's
     * {@code cumulativeProbability} is 1 − (regularised beta) and rounds tails below ~1e-16 to 0
     * (75 lost / 5 gained gave p = 0 instead of 4.25e-17).
     */
    private static double lowerTail(int n, int m) {
        BinomialDistribution d = new BinomialDistribution(null, n, 0.5);
        double top = d.logProbability(m); // the largest term: the pmf rises up to n / 2
        double sum = 0;
        for (int k = 0; k <= m; k++) {
            sum += Math.exp(d.logProbability(k) - top);
        }
        return Math.exp(top) * sum;
    }

    /**
     * The test on per-image correctness.
     *
     * @param before 1 = right, 0 = wrong (baseline)
     * @param after 1 = right, 0 = wrong (masked), same images in the same order
     */
    public static McNemar of(boolean[] before, boolean[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("McNemar needs paired results, got " + before.length + " and "
                    + after.length);
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] && !after[i]) {
                b++;
            } else if (!before[i] && after[i]) {
                c++;
            }
        }
        return of(b, c);
    }
}
