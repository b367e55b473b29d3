package io.mae4j.analysis;

import org.apache.commons.math3.distribution.TDistribution;
import java.util.List;
import java.util.Locale;

/**
 * Mean and spread of one measure over images (or over runs); undefined values (NaN) are left out and counted.
 *
 * @param n values used
 * @param excluded NaN values left out
 * @param mean arithmetic mean (NaN when n = 0)
 * @param std sample standard deviation, n − 1 in the denominator (0 when n = 1, NaN when n = 0)
 * @param ciLow lower end of the 95 % confidence interval of the mean, Student t with n − 1 degrees
 *     of freedom (equal to the mean when n = 1)
 * @param ciHigh upper end of that interval
 */
public record Spread(int n, int excluded, double mean, double std, double ciLow, double ciHigh) {

    /** Summarises the non-NaN values. */
    public static Spread of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        int excluded = values.length - n;
        if (n == 0) {
            return new Spread(0, excluded, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        if (n == 1) {
            return new Spread(1, excluded, mean, 0, mean, mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
        return new Spread(n, excluded, mean, std, mean - half, mean + half);
    }

    /** Summarises the non-NaN values of a list (e.g. one measure over runs; NaN for a run that did not converge). */
    public static Spread of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** {@code mean ± std} with the given format ({@code "%.4f"}), or {@code n/a} when no value is defined. */
    public String format(String fmt) {
        return n == 0 ? "n/a" : String.format(Locale.ROOT, fmt + " ± " + fmt, mean, std);
    }

    /** The spread of 1 − x: mean mirrored, interval mirrored, same standard deviation. */
    public Spread complement() {
        return new Spread(n, excluded, 1 - mean, std, 1 - ciHigh, 1 - ciLow);
    }

    /** The spread of x / d for a positive constant d. */
    public Spread scaled(double d) {
        return new Spread(n, excluded, mean / d, std / d, ciLow / d, ciHigh / d);
    }
}
