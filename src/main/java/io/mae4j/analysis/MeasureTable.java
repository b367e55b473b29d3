package io.mae4j.analysis;

/**
 * Every per-head measure of every probe image and layer: (measure, image, layer, head), measures
 * in the order of {@link Measure}. θ values are NaN where undefined (no defined row of that kind).
 */
public final class MeasureTable {

    /** The per-head measures. */
    public enum Measure {
        /** θ_KK, weighted. */
        KK_WEIGHTED,
        /** θ_NK, weighted. */
        NK_WEIGHTED,
        /** θ_KK, unweighted. */
        KK_UNWEIGHTED,
        /** θ_NK, unweighted. */
        NK_UNWEIGHTED,
        /** Focus index: mean δ_i in nats. */
        FOCUS,
        /** Rows with an empty attended set. */
        UNDEFINED_ROWS,
        /** Defined keypoint rows. */
        KEY_ROWS,
        /** Defined non-keypoint rows. */
        NON_ROWS
    }

    private final int images;
    private final int layers;
    private final int heads;
    private final float[] values;

    /** An all-zero table. */
    public MeasureTable(int images, int layers, int heads) {
        this.images = images;
        this.layers = layers;
        this.heads = heads;
        this.values = new float[Measure.values().length * images * layers * heads];
    }

    public int images() {
        return images;
    }

    public int layers() {
        return layers;
    }

    public int heads() {
        return heads;
    }

    /** One value; layer is 0-based. */
    public double get(Measure m, int image, int layer, int head) {
        return values[index(m.ordinal(), image, layer, head)];
    }

    /** Copies one layer's results for images [first, first + c). */
    void put(int first, int layer, LayerMeasures lm) {
        for (int m = 0; m < AttentionMeasures.MEASURES; m++) {
            for (int b = 0; b < lm.images(); b++) {
                for (int h = 0; h < heads; h++) {
                    values[index(m, first + b, layer, h)] = lm.get(m, b, h);
                }
            }
        }
    }

    /** Mean over heads (NaN heads left out; NaN when all are) of one image and layer. */
    public double headMean(Measure m, int image, int layer) {
        double sum = 0;
        int n = 0;
        for (int h = 0; h < heads; h++) {
            double v = get(m, image, layer, h);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean over images (NaN images left out) of one layer and head. */
    public double imageMean(Measure m, int layer, int head) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < images; b++) {
            double v = get(m, b, layer, head);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Sum over images and heads of one layer (for counts). */
    public long total(Measure m, int layer) {
        double sum = 0;
        for (int b = 0; b < images; b++) {
            for (int h = 0; h < heads; h++) {
                sum += get(m, b, layer, h);
            }
        }
        return Math.round(sum);
    }

    private int index(int m, int image, int layer, int head) {
        return ((m * images + image) * layers + layer) * heads + head;
    }
}
