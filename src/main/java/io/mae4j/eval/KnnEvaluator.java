package io.mae4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Weighted k-NN classification of frozen features (the protocol of DINO / Wu et al. 2018):
 * memory (train) and query (val) features are L2-normalised; for each query the k most cosine-similar
 * memory samples vote for their class with weight exp(sim / T); the prediction is the class with
 * the largest summed vote. Queries are processed in chunks so memory stays bounded at
 * {@code chunk × Ntr} similarities.
 *
 * <p>Dimension letters: Ntr = memory samples, Q = queries in a chunk, D = feature width, K =
 * neighbours, C = classes. Labels are class indices in [0, C).
 */
public final class KnnEvaluator {

    /** Default neighbours (DINO: 20). */
    public static final int DEFAULT_K = 20;
    /** Default temperature (DINO: 0.07). */
    public static final double DEFAULT_TEMPERATURE = 0.07;
    /** Default queries per chunk. */
    public static final int DEFAULT_CHUNK = 256;

    private final int k;
    private final double temperature;
    private final int chunk;

    /** k = 20, T = 0.07, 256 queries per chunk. */
    public KnnEvaluator() {
        this(DEFAULT_K, DEFAULT_TEMPERATURE, DEFAULT_CHUNK);
    }

    /**
     * @param k neighbours per query (clamped to the memory size at evaluation)
     * @param temperature T of the vote weights exp(sim / T)
     * @param chunk queries per similarity chunk
     */
    public KnnEvaluator(int k, double temperature, int chunk) {
        if (k < 1 || !(temperature > 0) || chunk < 1) {
            throw new IllegalArgumentException(
                    "kNN needs k ≥ 1, temperature > 0, chunk ≥ 1; got k=" + k + ", T=" + temperature + ", chunk=" + chunk);
        }
        this.k = k;
        this.temperature = temperature;
        this.chunk = chunk;
    }

    /** Like {@link #evaluate(NDArray, NDArray, NDArray, NDArray, int)} with labels as Java arrays. */
    public KnnResult evaluate(NDArray trainFeatures, int[] trainLabels, NDArray valFeatures, int[] valLabels, int numClasses) {
        try (NDManager m = trainFeatures.getManager().newSubManager()) {
            return evaluate(trainFeatures, m.create(trainLabels), valFeatures, m.create(valLabels), numClasses);
        }
    }

    /**
     * Classifies every query and scores it against its label. The inputs are left untouched.
     *
     * @param trainFeatures (Ntr, D) memory features
     * @param trainLabels (Ntr) integer class indices
     * @param valFeatures (Nv, D) query features
     * @param valLabels (Nv) integer class indices
     * @param numClasses C
     * @return top-1 / top-5 accuracy
     */
    public KnnResult evaluate(
            NDArray trainFeatures, NDArray trainLabels, NDArray valFeatures, NDArray valLabels, int numClasses) {
        Shape ts = trainFeatures.getShape();
        Shape vs = valFeatures.getShape();
        if (ts.dimension() != 2 || vs.dimension() != 2 || ts.get(1) != vs.get(1)) {
            throw new IllegalArgumentException("kNN features must be (Ntr, D) and (Nv, D) with the same D, got " + ts
                    + " and " + vs);
        }
        if (trainLabels.getShape().size() != ts.get(0) || valLabels.getShape().size() != vs.get(0)) {
            throw new IllegalArgumentException("kNN needs one label per sample: " + ts.get(0) + " train features vs "
                    + trainLabels.getShape() + " labels, " + vs.get(0) + " val features vs " + valLabels.getShape());
        }
        if (numClasses < 1 || ts.get(0) == 0 || vs.get(0) == 0) {
            throw new IllegalArgumentException("kNN needs ≥ 1 class and non-empty train and val sets; got C=" + numClasses
                    + ", Ntr=" + ts.get(0) + ", Nv=" + vs.get(0));
        }
        int numTrain = (int) ts.get(0);
        int numVal = (int) vs.get(0);
        int kk = Math.min(k, numTrain);
        long hits1 = 0;
        long hits5 = 0;
        try (NDManager scope = trainFeatures.getManager().newSubManager()) {
            NDArray memLabels = labels(trainLabels, numClasses, scope, "train"); // (Ntr) int64
            NDArray queryLabels = labels(valLabels, numClasses, scope, "val"); // (Nv) int64
            NDArray memory = normalize(trainFeatures, scope); // (Ntr, D)
            NDArray memoryT = memory.transpose(); // (D, Ntr)
            for (int start = 0; start < numVal; start += chunk) {
                int end = Math.min(numVal, start + chunk);
                try (NDManager c = scope.newSubManager()) {
                    NDArray q = normalize(valFeatures.get(c, new NDIndex("{}:{}", start, end)), c); // (Q, D)
                    NDArray sim = q.matMul(memoryT); // (Q, Ntr) cosine similarity
                    NDList top = sim.topK(kk, 1, true, true); // values (Q, K), indices (Q, K)
                    NDArray weights = top.get(0).div(temperature).exp(); // (Q, K)
                    NDArray neighbourLabels = memLabels.take(c, top.get(1)); // (Q, K)
                    NDArray oneHot = neighbourLabels.oneHot(numClasses, DataType.FLOAT32); // (Q, K, C)
                    NDArray votes = oneHot.muli(weights.expandDims(2)).sum(new int[] {1}); // (Q, C)
                    NDArray ranked = votes.argSort(1, false); // (Q, C) classes by vote, best first
                    NDArray truth = queryLabels.get(c, new NDIndex("{}:{}", start, end)).expandDims(1); // (Q, 1)
                    NDArray first = ranked.get(c, new NDIndex(":, 0:1")); // (Q, 1)
                    hits1 += first.eq(truth).sum().toType(DataType.INT64, false).getLong();
                    if (numClasses >= 5) {
                        NDArray best5 = ranked.get(c, new NDIndex(":, 0:5")); // (Q, 5)
                        hits5 += best5.eq(truth).sum().toType(DataType.INT64, false).getLong();
                    }
                }
            }
        }
        double top5 = numClasses >= 5 ? hits5 / (double) numVal : Double.NaN;
        return new KnnResult(hits1 / (double) numVal, top5, numVal, kk);
    }

    /** x / max(‖x‖₂, 1e-12) row-wise, as float32, on a copy attached to {@code m} (x is untouched). */
    private static NDArray normalize(NDArray x, NDManager m) {
        NDArray copy = x.duplicate(); // toType(…, copy = true) would alias a float32 input
        copy.attach(m);
        NDArray f = copy.toType(DataType.FLOAT32, false); // (n, D), in m
        NDArray norms = f.norm(new int[] {1}, true).maximum(1e-12f); // (n, 1)
        return f.divi(norms);
    }

    /** Labels as (n) int64 attached to {@code m}, checked to lie in [0, C). */
    private static NDArray labels(NDArray labels, int numClasses, NDManager m, String which) {
        NDArray copy = labels.duplicate();
        copy.attach(m);
        NDArray l = copy.toType(DataType.INT64, false).reshape(-1); // (n), in m
        long min = l.min().getLong();
        long max = l.max().getLong();
        if (min < 0 || max >= numClasses) {
            throw new IllegalArgumentException("kNN " + which + " labels must lie in [0, " + numClasses + "), found range ["
                    + min + ", " + max + "]");
        }
        return l;
    }
}
