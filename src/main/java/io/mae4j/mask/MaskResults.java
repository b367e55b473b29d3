package io.mae4j.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;

/**
 * Shared arithmetic of MAE masks: the number of visible patches and the conversion of per-patch
 * sort keys into {@code ids_shuffle / ids_restore / mask}, as in the official {@code random_masking}.
 *
 * <p>Dimension letters: B = batch, N = patches per image.
 */
public final class MaskResults {

    private MaskResults() {}

    /**
     * The number of visible patches, {@code (int) (N · (1 − ratio))}, exactly as the official MAE
     * computes {@code len_keep} (truncation, not rounding).
     *
     * @param numPatches N
     * @param maskRatio the fraction of removed patches, in [0, 1)
     * @return lenKeep, at least 1
     * @throws IllegalArgumentException when the ratio is outside [0, 1) or leaves no visible patch
     */
    public static int lenKeep(int numPatches, double maskRatio) {
        if (numPatches <= 0) {
            throw new IllegalArgumentException("number of patches must be positive, got " + numPatches);
        }
        checkRatio(maskRatio);
        int keep = (int) (numPatches * (1 - maskRatio));
        if (keep < 1) {
            throw new IllegalArgumentException("mask.mask_ratio " + maskRatio + " leaves no visible patch out of "
                    + numPatches + "; lower it so that N·(1 − ratio) ≥ 1");
        }
        return keep;
    }

    /**
     * Checks a configured mask ratio.
     *
     * @throws IllegalArgumentException when it is not in [0, 1)
     */
    public static void checkRatio(double maskRatio) {
        if (!(maskRatio >= 0 && maskRatio < 1)) {
            throw new IllegalArgumentException(
                    "mask.mask_ratio must be in [0, 1) (fraction of removed patches), got " + maskRatio);
        }
    }

    /**
     * Sorts per-patch keys ascending (small = keep, large = remove) and derives the MAE mask tensors:
     * {@code ids_shuffle = argsort(keys)}, {@code ids_restore = argsort(ids_shuffle)}, and mask = 1
     * where {@code ids_restore ≥ lenKeep}, which is the official "ones with the first lenKeep set to 0,
     * gathered with ids_restore".
     *
     * @param keys (B, N) floating point sort keys; ties are ordered by the backend, so callers should
     *     make keys distinct (e.g. add a random tie-break)
     * @param lenKeep visible patches per image, 1 ≤ lenKeep ≤ N
     * @param scalars values to log, may be empty
     * @param manager where the result arrays are attached
     * @return the masks; {@code keys} is left untouched and still belongs to the caller
     */
    public static MaskResult fromSortKeys(
            NDArray keys, int lenKeep, Map<String, Double> scalars, NDManager manager) {
        if (keys.getShape().dimension() != 2) {
            throw new IllegalArgumentException("mask sort keys must be (B, N), got shape " + keys.getShape());
        }
        long n = keys.getShape().get(1);
        if (lenKeep < 1 || lenKeep > n) {
            throw new IllegalArgumentException("lenKeep must be in [1, " + n + "], got " + lenKeep);
        }
        NDArray idsShuffle = keys.argSort(1, true); // (B, N) int64, ascend: small is keep
        NDArray idsRestore = idsShuffle.argSort(1, true); // (B, N) int64, position of patch j in the shuffle
        NDArray mask;
        try (NDArray removed = idsRestore.gte(lenKeep)) { // (B, N) bool
            mask = removed.toType(DataType.FLOAT32, false); // (B, N) 1 = removed
        }
        idsShuffle.attach(manager);
        idsRestore.attach(manager);
        mask.attach(manager);
        return new MaskResult(idsShuffle, idsRestore, mask, lenKeep, Map.copyOf(scalars));
    }
}
