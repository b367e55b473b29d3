package io.mae4j.report;

import java.util.List;

/**
 * Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value) of the
 * defined values of a list; NaN values (e.g. runs that did not converge) are left out and counted
 * by {@code n} being smaller than the list.
 *
 * @param mean mean, NaN when no value is defined
 * @param sd sample standard deviation, NaN when no value is defined
 * @param n defined values
 */
public record Stat(double mean, double sd, int n) {

    /** The statistics of the non-NaN values. */
    public static Stat of(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Stat(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new Stat(mean, n == 1 ? 0 : Math.sqrt(ss / (n - 1)), n);
    }

    /** {@code mean ± sd} with the given format ({@code "%.4f"}), or {@code n/a}. */
    public String format(String fmt) {
        if (n == 0) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, fmt + " ± " + fmt, mean, sd);
    }
}
