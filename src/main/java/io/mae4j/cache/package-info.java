/**
 * The θ score cache: per image of a dataset split, SIFT keypoints (normalised source coordinates)
 * and θ̄ on a canonical g×g grid over the whole source image, stored in one SQLite file per
 * (split, scorer, settings) ({@link io.mae4j.cache.CacheStore}), scored by {@link io.mae4j.cache.SiftDensityScorer}
 * or {@link io.mae4j.cache.ModelScorer}, built resumably by
 * {@link io.mae4j.cache.CacheBuilder} and read as a {@link io.mae4j.mask.ScoreSource} by
 * {@link io.mae4j.cache.CacheReader}, which refuses a stale file with the command that rebuilds it.
 */
package io.mae4j.cache;
