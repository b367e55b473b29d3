package io.mae4j.mask;

import ai.djl.ndarray.NDManager;

/**
 * Chooses which patches of each image the MAE encoder does not see. Implementations must mask
 * exactly the same number of patches in every image of a batch and must draw all randomness from
 * {@link MaskContext#seed()} so runs are reproducible and resumable.
 */
public interface MaskStrategy {

    /** The name used in configs ({@code mask.name}). */
    String name();

    /**
     * Samples the masks of one batch. Arrays are attached to {@code manager}.
     *
     * @param context what is known about the batch
     * @param manager where the result arrays live
     * @return the masks, mask 1 = removed
     */
    MaskResult sample(MaskContext context, NDManager manager);
}
