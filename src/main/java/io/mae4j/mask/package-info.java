/**
 * Patch-mask strategies for MAE pre-training. Convention everywhere: mask 1 = removed, 0 = kept
 * (the opposite of DJL attention masks). Every strategy removes exactly {@code N − lenKeep} patches
 * per image, {@code lenKeep = (int) (N · (1 − mask_ratio))} ({@link io.mae4j.mask.MaskResults}), and
 * draws its randomness from {@link io.mae4j.mask.MaskContext#seed()}. Strategies are found by name
 * through {@link io.mae4j.mask.MaskStrategies} (a {@link java.util.ServiceLoader} registry of {@link
 * io.mae4j.mask.MaskStrategyFactory}).
 */
package io.mae4j.mask;
