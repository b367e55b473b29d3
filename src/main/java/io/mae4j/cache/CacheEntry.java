package io.mae4j.cache;

import io.mae4j.mask.ImageScores;

/**
 * One cached image.
 *
 * @param path image path relative to the dataset root, '/'-separated
 * @param width source width in pixels
 * @param height source height in pixels
 * @param scores keypoints (normalised) and θ̄ on the canonical grid
 */
public record CacheEntry(String path, int width, int height, ImageScores scores) {}
