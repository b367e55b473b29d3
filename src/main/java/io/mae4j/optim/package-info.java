/**
 * The optimizer and its schedule, shared by pre-training and the classifiers: AdamW as in PyTorch
 * ({@link io.mae4j.optim.AdamW}, one step's arithmetic in {@link io.mae4j.optim.AdamWUpdate}) over
 * {@link io.mae4j.optim.ParamEntry} (a parameter with its weight decay and lr scale), the
 * half-cycle cosine schedule with warm-up of MAE ({@link io.mae4j.optim.LrSchedule}), and the
 * parameter groups whose norms TensorBoard shows ({@link io.mae4j.optim.ParamGroups}).
 */
package io.mae4j.optim;
