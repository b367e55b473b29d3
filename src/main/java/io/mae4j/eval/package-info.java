/**
 * Evaluation of representations without training a head: the weighted k-NN classifier of
 * {@link io.mae4j.eval.KnnEvaluator} (top-1 / top-5 in {@link io.mae4j.eval.KnnResult}), which the
 * training loop runs every {@code eval.every} epochs on encoder features.
 */
package io.mae4j.eval;
