package io.mae4j.eval;

import io.mae4j.data.PretrainData;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.HostBatch;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.model.MaeModel;

/**
 * k-NN accuracy of frozen encoder features: the whole (unmasked) image through the encoder, the
 * CLS token (or mean patch token) after the final norm, training split as memory, validation split
 * as queries (k = 20, cosine similarity, exp(sim / T) weighted votes).
 */
public final class KnnProbe {

    private final MaeModel model;
    private final EvalSettings settings;
    private final NDManager root;
    private final ParameterStore store;

    public KnnProbe(MaeModel model, EvalSettings settings, NDManager root) {
        this.model = model;
        this.settings = settings;
        this.root = root;
        this.store = new ParameterStore(root, false);
    }

    /** @return {top1, top5} (top5 NaN when there are fewer than 5 classes) */
    public double[] evaluate(PretrainData data) {
        try (NDManager m = root.newSubManager()) {
            ImageFolderDataset memory = data.knnMemory();
            ImageFolderDataset query = data.knnQuery();
            Features tr = features(data, memory, m);
            Features va = features(data, query, m);
            KnnResult r = new KnnEvaluator(settings.k(), settings.temperature(), 256)
                    .evaluate(tr.values, tr.labels, va.values, va.labels, memory.classNames().size());
            return new double[] {r.top1(), r.hasTop5() ? r.top5() : Double.NaN};
        }
    }

    private record Features(NDArray values, int[] labels) {}

    private Features features(PretrainData data, ImageFolderDataset split, NDManager m) {
        int n = split.size();
        int d = model.config().embedDim();
        float[] out = new float[n * d];
        int[] labels = new int[n];
        int row = 0;
        try (BatchLoader loader = data.evalBatches(split, settings.batchSize())) {
            while (loader.hasNext()) {
                HostBatch b = loader.next();
                try (NDManager step = root.newSubManager()) {
                    NDArray tokens = model.encode(store, b.toNDArray(step), false).tokens(); // (B, 1+N, D)
                    NDArray f = settings.feature().equals("cls")
                            ? tokens.get(new NDIndex(":, 0, :")) // (B, D)
                            : tokens.get(new NDIndex(":, 1:, :")).mean(new int[] {1}); // (B, D)
                    System.arraycopy(f.toFloatArray(), 0, out, row * d, b.size() * d);
                }
                System.arraycopy(b.labels(), 0, labels, row, b.size());
                row += b.size();
            }
        }
        return new Features(m.create(out, new Shape(n, d)), labels);
    }
}
