/**
 * The on-disk run format: the run folder ({@link io.mae4j.run.RunFolder}: config.conf, provenance,
 * metrics.csv as {@link io.mae4j.run.EpochStats}, train.log), checkpoints ({@link
 * io.mae4j.run.Checkpoints}, {@link io.mae4j.run.CheckpointMeta} inside a {@link
 * io.mae4j.run.ZipArchive}), and the ways back to a model: {@link io.mae4j.run.ModelSource} (a run
 * folder, a .ckpt or a weights file), {@link io.mae4j.run.ResumeConfig} (the saved config of a run to
 * continue), {@link io.mae4j.run.ModelSettings} ({@code model.*} → {@link io.mae4j.model.MaeConfig})
 * and {@link io.mae4j.run.InitWeights} (official weights into a fresh model). Readers of runs
 * ({@code report}, {@code cache}, {@code classify}) depend on this package, not on {@code train}.
 */
package io.mae4j.run;
