package io.mae4j.mask;

import io.mae4j.data.CropGeometry;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link MaskStrategy} may know about the batch it masks.
 *
 * @param batchSize B
 * @param gridHeight h = H / P
 * @param gridWidth w = W / P (N = h · w patches, index j = row · w + col)
 * @param epoch the current epoch (curriculum "round"), 0-based
 * @param globalStep the optimizer-independent iteration counter, 0-based, over the whole run
 * @param seed a seed derived from the run seed and the step; strategies draw all randomness from it
 *     so a resumed run reproduces the same masks
 * @param geometries per-sample crop geometry (size B), or null when unknown
 * @param sources per-sample source file (size B), or null when unknown
 */
public record MaskContext(
        int batchSize,
        int gridHeight,
        int gridWidth,
        int epoch,
        long globalStep,
        long seed,
        List<CropGeometry> geometries,
        List<Path> sources) {

    public MaskContext {
        if (batchSize <= 0 || gridHeight <= 0 || gridWidth <= 0) {
            throw new IllegalArgumentException("mask context needs a positive batch size and grid, got B="
                    + batchSize + ", grid " + gridHeight + "x" + gridWidth);
        }
    }

    /** N, the number of patches per image. */
    public int numPatches() {
        return gridHeight * gridWidth;
    }
}
