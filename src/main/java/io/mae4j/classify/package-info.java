/**
 * Classifiers on a mae4j encoder: the {@link io.mae4j.classify.PatchClassifier} contract (logits
 * from the kept patches only, for "mask as prompt"), the MAE linear probe and fine-tuning recipes
 * ({@link io.mae4j.classify.Classifier}, {@link io.mae4j.classify.LayerDecay}), their training runs
 * ({@link io.mae4j.classify.ClassifierJob}) and self-contained checkpoints ({@link
 * io.mae4j.classify.ClassifierCheckpoint}).
 */
package io.mae4j.classify;
