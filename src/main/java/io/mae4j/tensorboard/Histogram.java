package io.mae4j.tensorboard;

import io.mae4j.tensorboard.proto.HistogramProto;

/**
 * Equal-width histograms in TensorBoard's {@code HistogramProto} form: {@code bins} buckets
 * spanning [min, max]; bucket k counts the values in [min + k·w, min + (k+1)·w) with w = (max −
 * min) / bins, the last bucket also holding max; {@code bucket_limit[k]} is the right edge (the
 * last one is max itself). NaN and infinite values are left out of every field; {@code num} counts
 * the finite values. When all values are equal there is a single bucket with limit = that value.
 */
public final class Histogram {

    private Histogram() {}

    /** The histogram of {@code values} with {@code bins} equal-width buckets. */
    public static HistogramProto of(float[] values, int bins) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return of(d, bins);
    }

    /** The histogram of {@code values} with {@code bins} equal-width buckets. */
    public static HistogramProto of(double[] v, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least 1 bucket, got bins = " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSquares = 0;
        long num = 0;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isFinite(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
                sumSquares += x * x;
                num++;
            }
        }
        HistogramProto.Builder h = HistogramProto.newBuilder().setNum(num).setSum(sum).setSumSquares(sumSquares);
        if (num == 0) {
            return h.build(); // no buckets: TensorBoard shows an empty histogram
        }
        h.setMin(min).setMax(max);
        if (min == max) {
            return h.addBucketLimit(max).addBucket(num).build();
        }
        double width = (max - min) / bins;
        long[] counts = new long[bins];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isFinite(x)) {
                counts[Math.min(bins - 1, (int) ((x - min) / width))]++;
            }
        }
        for (int k = 0; k < bins; k++) {
            h.addBucketLimit(k == bins - 1 ? max : min + (k + 1) * width).addBucket(counts[k]);
        }
        return h.build();
    }
}
