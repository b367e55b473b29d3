package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.HostBatch;

/**
 * Frozen-encoder features of a whole split, on the host: the linear probe's cache (its encoder
 * never changes, so every image's pooled feature is computed once with the evaluation transform
 * and only the head trains on them).
 *
 * @param values (n · D) row-major features
 * @param labels (n) class indices
 * @param width D
 */
record FeatureTable(float[] values, int[] labels, int width) {

    /** Number of rows n. */
    int size() {
        return labels.length;
    }

    /** Rows {@code rows} as a (R, D) array in {@code m}. */
    NDArray rows(int[] rows, NDManager m) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * width, out, i * width, width);
        }
        return m.create(out, new Shape(rows.length, width)); // (R, D)
    }

    /** Labels of {@code rows}. */
    int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    /**
     * Pooled features (before the head) of every image of a loader, in order.
     *
     * @param clf the classifier (its encoder is run in inference mode)
     * @param loader an in-order loader over the split (closed here)
     * @param n images in the split
     * @param root scope parent
     */
    static FeatureTable compute(Classifier clf, BatchLoader loader, int n, NDManager root) {
        int d = clf.backbone().config().embedDim();
        float[] values = new float[n * d];
        int[] labels = new int[n];
        int row = 0;
        ParameterStore store = new ParameterStore(root, false);
        try (loader) {
            while (loader.hasNext()) {
                HostBatch b = loader.next();
                try (NDManager step = root.newSubManager()) {
                    NDArray f = clf.features(store, b.toNDArray(step), null, false); // (B, D)
                    System.arraycopy(f.toFloatArray(), 0, values, row * d, b.size() * d);
                }
                System.arraycopy(b.labels(), 0, labels, row, b.size());
                row += b.size();
            }
        }
        if (row != n) {
            throw new IllegalStateException("feature table expected " + n + " images, the loader gave " + row);
        }
        return new FeatureTable(values, labels, d);
    }
}
