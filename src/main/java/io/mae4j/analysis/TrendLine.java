package io.mae4j.analysis;

import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

/**
 * A least-squares polynomial over layers (the paper's dotted trend lines), fitted with Commons
 * Math on the layer means; with the same number of heads in every layer this equals the fit
 * through all per-head points.
 *
 * @param coefficients c0, c1, … of c0 + c1·x + c2·x² + …, with x the 1-based layer number
 */
public record TrendLine(double[] coefficients) {

    /**
     * Fits y over x = 1 … n, skipping NaN values; the degree is lowered to (defined points − 1)
     * when there are too few points.
     *
     * @return the fit, or null when no value is defined
     */
    public static TrendLine fit(double[] y, int degree) {
        WeightedObservedPoints pts = new WeightedObservedPoints();
        int defined = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                pts.add(i + 1, y[i]);
                defined++;
            }
        }
        if (defined == 0) {
            return null;
        }
        int d = Math.min(degree, defined - 1);
        return new TrendLine(PolynomialCurveFitter.create(d).fit(pts.toList()));
    }

    /** The polynomial at x. */
    public double at(double x) {
        double v = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            v = v * x + coefficients[k];
        }
        return v;
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }
}
