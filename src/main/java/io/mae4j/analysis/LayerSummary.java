package io.mae4j.analysis;

/**
 * One layer over the probe images. Per image, a layer value is the mean over heads; the spreads
 * are over images.
 *
 * @param layer 1-based layer number
 * @param weighted whether {@link #kk()} / {@link #nk()} are the weighted θ
 * @param kkWeighted θ_KK, weighted
 * @param nkWeighted θ_NK, weighted
 * @param kkUnweighted θ_KK, unweighted
 * @param nkUnweighted θ_NK, unweighted
 * @param focus focus index (nats)
 * @param lnN ln N, the largest possible focus index
 * @param test Wilcoxon signed-rank of the primary θ_KK against θ_NK over images
 * @param undefinedRows rows with an empty attended set, summed over images and heads
 * @param keyRows defined keypoint rows, summed over images and heads
 * @param nonRows defined non-keypoint rows, summed over images and heads
 */
public record LayerSummary(int layer, boolean weighted, Spread kkWeighted, Spread nkWeighted, Spread kkUnweighted,
        Spread nkUnweighted, Spread focus, double lnN, WilcoxonResult test, long undefinedRows, long keyRows,
        long nonRows) {

    /** The primary θ_KK. */
    public Spread kk() {
        return weighted ? kkWeighted : kkUnweighted;
    }

    /** The primary θ_NK. */
    public Spread nk() {
        return weighted ? nkWeighted : nkUnweighted;
    }

    /** θ_KN = 1 − θ_KK. */
    public Spread kn() {
        return kk().complement();
    }

    /** θ_NN = 1 − θ_NK. */
    public Spread nn() {
        return nk().complement();
    }

    /** gap = mean θ_KK − mean θ_NK. */
    public double gap() {
        return kk().mean() - nk().mean();
    }

    /** Focus index divided by ln N, in [0, 1]. */
    public Spread focusNormalised() {
        return focus.scaled(lnN);
    }
}
