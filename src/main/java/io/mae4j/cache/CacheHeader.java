package io.mae4j.cache;

/**
 * The header row of a cache file: what it was built from. A reader compares the fingerprints with
 * the current dataset and scorer and refuses a stale cache.
 *
 * @param formatVersion {@link CacheStore#FORMAT_VERSION} of the writer
 * @param split dataset split (sub-folder of the root)
 * @param datasetRoot dataset root as given to the build
 * @param datasetFingerprint {@code ImageFolderDataset.fingerprint()} at build time
 * @param datasetImages images the split listed at build time
 * @param scorer scorer name ({@code sift-only} or the checkpoint / weights path)
 * @param scorerFingerprint {@link Scorer#fingerprint()}
 * @param settings canonical text of the settings (grid size, SIFT parameters, analysis layers...)
 * @param gridSize side g of the canonical θ̄ grid
 * @param created ISO-8601 creation time
 * @param command the {@code cache build ...} command line that (re)builds this file
 */
public record CacheHeader(int formatVersion, String split, String datasetRoot, String datasetFingerprint,
        int datasetImages, String scorer, String scorerFingerprint, String settings, int gridSize, String created,
        String command) {

    /** Human-readable multi-line form (used by {@code cache info}). */
    public String describe() {
        return "format version      " + formatVersion + "\n"
                + "dataset             " + datasetRoot + " (split " + split + ", " + datasetImages + " images)\n"
                + "dataset fingerprint " + datasetFingerprint + "\n"
                + "scorer              " + scorer + "\n"
                + "scorer fingerprint  " + scorerFingerprint + "\n"
                + "grid                " + gridSize + "x" + gridSize + "\n"
                + "settings            " + settings + "\n"
                + "created             " + created + "\n"
                + "rebuild with        " + command + "\n";
    }
}
