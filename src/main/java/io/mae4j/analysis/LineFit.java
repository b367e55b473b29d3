package io.mae4j.analysis;

/**
 * Ordinary least-squares line y = a + b·x through the defined (non-NaN) points of y[from, to),
 * with x the index. Fewer than two points: slope NaN (0 points: mean NaN) and SSE 0.
 *
 * @param mean mean of the defined values
 * @param slope b
 * @param sse residual sum of squares
 */
record LineFit(double mean, double slope, double sse) {

    static LineFit of(double[] y, int from, int to) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(y[i])) {
                n++;
                sx += i;
                sy += y[i];
            }
        }
        if (n == 0) {
            return new LineFit(Double.NaN, Double.NaN, 0);
        }
        double mx = sx / n;
        double my = sy / n;
        if (n == 1) {
            return new LineFit(my, Double.NaN, 0);
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(y[i])) {
                sxx += (i - mx) * (i - mx);
                sxy += (i - mx) * (y[i] - my);
            }
        }
        double b = sxy / sxx;
        double sse = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(y[i])) {
                double r = y[i] - (my + b * (i - mx));
                sse += r * r;
            }
        }
        return new LineFit(my, b, sse);
    }
}
