/**
 * The pre-training loop and its hooks: {@link io.mae4j.train.Pretrainer} (one run, or its resume),
 * {@link io.mae4j.train.EpochRunner} (steps: mask, forward, backward, AdamW of {@code io.mae4j.optim},
 * global gradient-norm clipping), its data ({@code io.mae4j.data.PretrainData}), its mask strategy with
 * the θ score cache ({@code MaskStrategyLoader}), the k-NN probe every {@code eval.every} epochs
 * ({@code io.mae4j.eval.KnnProbe}), TensorBoard output ({@code TensorBoardMonitor}: scalars,
 * reconstructions of fixed validation images, histograms, the config, hparams) and the patch
 * interrelation analysis every {@code analysis.every} epochs ({@code AnalysisHook}). What the loop
 * draws comes in through {@link io.mae4j.train.AnalysisFigures}, supplied by its caller; the run
 * folder and checkpoints are {@code io.mae4j.run}'s. Nothing here depends on {@code report},
 * {@code bench} or {@code app}.
 */
package io.mae4j.train;
