package io.mae4j.mask;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A batch of MAE masks in the official MAE representation. Convention: mask 0 = keep, 1 = removed
 * (the opposite of DJL attention masks, where 1 = keep).
 *
 * @param idsShuffle (B, N) int64: patch indices, kept ones first; the first {@code lenKeep} columns
 *     are the visible patches in the order the encoder sees them
 * @param idsRestore (B, N) int64: argsort(idsShuffle), the inverse permutation
 * @param mask (B, N) float32: 1 on removed patches, 0 on kept ones, in patch order
 * @param lenKeep number of visible patches per image (the same for every image of the batch)
 * @param scalars values the strategy wants logged (e.g. "mask/beta"), may be empty
 */
public record MaskResult(
        NDArray idsShuffle, NDArray idsRestore, NDArray mask, int lenKeep, Map<String, Double> scalars) {}
