package io.mae4j.eval;

import com.typesafe.config.Config;
import io.mae4j.data.PretrainData;

/**
 * k-NN evaluation of frozen encoder features ({@code eval.*}).
 *
 * @param every epochs between evaluations; 0 = never
 * @param k neighbours
 * @param temperature T of the exp(sim / T) vote weights
 * @param batchSize images per feature-extraction batch
 * @param maxTrain cap on memory (train) images, 0 = all
 * @param maxVal cap on query (val) images, 0 = all
 * @param feature "cls" (the CLS token) or "mean" (mean of the patch tokens), after the final norm
 */
public record EvalSettings(int every, int k, double temperature, int batchSize, int maxTrain, int maxVal, String feature) {

    public EvalSettings {
        if (!feature.equals("cls") && !feature.equals("mean")) {
            throw new IllegalArgumentException("eval.feature = '" + feature + "' is invalid: use cls or mean");
        }
        if (every > 0 && (k < 1 || temperature <= 0 || batchSize < 1)) {
            throw new IllegalArgumentException("eval.knn_k, eval.knn_t and eval.batch_size must be positive");
        }
    }

    /** Reads the {@code eval} section. */
    public static EvalSettings from(Config eval) {
        return new EvalSettings(
                eval.getInt("every"),
                eval.getInt("knn_k"),
                eval.getDouble("knn_t"),
                eval.getInt("batch_size"),
                eval.getInt("max_train"),
                eval.getInt("max_val"),
                eval.getString("feature"));
    }

    /** The k-NN splits' caps for {@link PretrainData#open}, or null when evaluation is off. */
    public PretrainData.KnnSplits knnSplits() {
        return every > 0 ? new PretrainData.KnnSplits(maxTrain, maxVal) : null;
    }

    /** Whether to evaluate after the given 0-based epoch (always after the last one). */
    public boolean due(int epoch, int epochs) {
        return every > 0 && ((epoch + 1) % every == 0 || epoch + 1 == epochs);
    }
}
