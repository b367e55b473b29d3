package io.mae4j.analysis;

/**
 * One of the paper's three stages (section 4.3), with summaries of the raw (not standardised)
 * per-layer series over its layers.
 *
 * @param name Retrieval, Capture or Coach
 * @param firstLayer first layer, 1-based
 * @param lastLayer last layer, inclusive
 * @param meanGap mean of gap_l = θ_KK − θ_NK
 * @param gapSlope least-squares slope of gap_l per layer
 * @param meanFocus mean of the focus index (entropy, nats)
 * @param focusSlope least-squares slope of the focus index per layer
 * @param meanKK mean θ_KK
 * @param meanNK mean θ_NK
 */
public record Stage(String name, int firstLayer, int lastLayer, double meanGap, double gapSlope, double meanFocus,
        double focusSlope, double meanKK, double meanNK) {

    /** Stage names in order. */
    public static final String[] NAMES = {"Retrieval", "Capture", "Coach"};

    /** Number of layers. */
    public int layers() {
        return lastLayer - firstLayer + 1;
    }

    /** Whether the 1-based layer lies in this stage. */
    public boolean contains(int layer) {
        return layer >= firstLayer && layer <= lastLayer;
    }

    /** The middle layer (the lower one for an even count), e.g. for heatmaps. */
    public int middleLayer() {
        return firstLayer + (layers() - 1) / 2;
    }
}
