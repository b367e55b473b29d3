package io.mae4j.analysis;

/**
 * Per layer and head, the mean over probe images (undefined images left out): the points of the
 * paper's Fig. 5 and Fig. 6. Arrays are [layer][head], layer 0 = layer 1.
 *
 * @param kkWeighted θ_KK, weighted
 * @param nkWeighted θ_NK, weighted
 * @param kkUnweighted θ_KK, unweighted
 * @param nkUnweighted θ_NK, unweighted
 * @param focus focus index (nats)
 */
public record HeadTable(double[][] kkWeighted, double[][] nkWeighted, double[][] kkUnweighted,
        double[][] nkUnweighted, double[][] focus) {

    /** Builds the table from the raw measures. */
    static HeadTable of(MeasureTable t) {
        return new HeadTable(means(t, MeasureTable.Measure.KK_WEIGHTED), means(t, MeasureTable.Measure.NK_WEIGHTED),
                means(t, MeasureTable.Measure.KK_UNWEIGHTED), means(t, MeasureTable.Measure.NK_UNWEIGHTED),
                means(t, MeasureTable.Measure.FOCUS));
    }

    /** θ_KK, weighted or not. */
    public double[][] kk(boolean weighted) {
        return weighted ? kkWeighted : kkUnweighted;
    }

    /** θ_NK, weighted or not. */
    public double[][] nk(boolean weighted) {
        return weighted ? nkWeighted : nkUnweighted;
    }

    private static double[][] means(MeasureTable t, MeasureTable.Measure m) {
        double[][] out = new double[t.layers()][t.heads()];
        for (int l = 0; l < t.layers(); l++) {
            for (int h = 0; h < t.heads(); h++) {
                out[l][h] = t.imageMean(m, l, h);
            }
        }
        return out;
    }
}
