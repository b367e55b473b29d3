/**
 * Evaluation of a pre-trained encoder without training a head: the weighted k-NN classifier of
 * {@link io.mae4j.eval.KnnEvaluator} (top-1 / top-5 in {@link io.mae4j.eval.KnnResult}), run on
 * encoder features by {@link io.mae4j.eval.KnnProbe} every {@code eval.every} epochs
 * ({@link io.mae4j.eval.EvalSettings}); its reference points (raw pixels, random init) in
 * {@link io.mae4j.eval.KnnBaselines}; and the common-mask validation loss of
 * {@link io.mae4j.eval.CommonMaskLoss}, which compares checkpoints across mask strategies.
 * Depends on {@code data}, {@code model}, {@code mask} and {@code run}; never on {@code train}.
 */
package io.mae4j.eval;
