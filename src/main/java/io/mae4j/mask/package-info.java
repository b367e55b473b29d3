/**
 * Patch-mask strategies for MAE pre-training. Convention everywhere: mask 1 = removed, 0 = kept
 * (the opposite of DJL attention masks). Every strategy removes exactly {@code N − lenKeep} patches
 * per image, {@code lenKeep = (int) (N · (1 − mask_ratio))} ({@link io.mae4j.mask.MaskResults}), and
 * draws its randomness from {@link io.mae4j.mask.MaskContext#seed()}. Strategies are found by name
 * through {@link io.mae4j.mask.MaskStrategies} (a {@link java.util.ServiceLoader} registry of {@link
 * io.mae4j.mask.MaskStrategyFactory}).
 *
 * <p>Score-guided strategies ({@code guided_curriculum}, {@code theta_top}, {@code theta_bottom})
 * read SIFT keypoints and θ̄ of each source image from a {@link io.mae4j.mask.ScoreSource} (the θ
 * score cache named by {@code mask.guided.cache}) and remap them into each sample's crop ({@link
 * io.mae4j.mask.CropScores}). The trainer opens the cache when {@link
 * io.mae4j.mask.MaskStrategies#needsScores(String)} says so, passes it to {@link
 * io.mae4j.mask.MaskStrategies#create(String, com.typesafe.config.Config, ScoreSource)}, and fills
 * {@link io.mae4j.mask.MaskContext#sources()} and {@link io.mae4j.mask.MaskContext#geometries()}.
 */
package io.mae4j.mask;
