package io.mae4j.eval;

/**
 * Accuracy of a k-NN classifier on frozen features.
 *
 * @param top1 fraction of queries whose highest-voted class is their label
 * @param top5 fraction whose label is among the 5 highest-voted classes; {@code NaN} when there are
 *     fewer than 5 classes (it would be trivially 1)
 * @param numQueries number of evaluated (validation) samples
 * @param k neighbours actually used (the configured k clamped to the memory size)
 */
public record KnnResult(double top1, double top5, int numQueries, int k) {

    /** Whether {@link #top5()} is meaningful (at least 5 classes). */
    public boolean hasTop5() {
        return !Double.isNaN(top5);
    }
}
