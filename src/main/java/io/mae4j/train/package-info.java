/**
 * Training numerics: {@link io.mae4j.optim.AdamW} with decay / no-decay parameter groups, the MAE
 * learning-rate schedule {@link io.mae4j.optim.LrSchedule}, global gradient-norm clipping, and the
 * k-NN evaluation of frozen features {@link io.mae4j.eval.KnnEvaluator}; the pre-training loop
 * {@link io.mae4j.train.Pretrainer} and its TensorBoard output ({@code TensorBoardMonitor}: scalars,
 * reconstructions of fixed validation images, histograms, the config, hparams) and the patch
 * interrelation analysis every {@code analysis.every} epochs ({@code AnalysisHook}).
 */
package io.mae4j.train;
