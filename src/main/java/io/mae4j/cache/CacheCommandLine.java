package io.mae4j.cache;

import java.nio.file.Path;
import java.util.Locale;

/** The {@code cache build ...} command line that reproduces a cache (the rebuild hint). */
final class CacheCommandLine {

    private CacheCommandLine() {}

    static String build(Path root, CacheSettings s, String scorer, Path file) {
        return String.format(Locale.ROOT, "mae4j cache build data.root=%s split=%s scorer=%s cache.grid_size=%d cache.sift_side=%d"
                + " analysis.sift.nfeatures=%d analysis.sift.n_octave_layers=%d analysis.sift.contrast_threshold=%s"
                + " analysis.sift.edge_threshold=%s analysis.sift.sigma=%s cache.path=%s", root, s.split(), scorer,
                s.gridSize(), s.siftSide(), s.sift().nfeatures(), s.sift().nOctaveLayers(), s.sift().contrastThreshold(),
                s.sift().edgeThreshold(), s.sift().sigma(), file);
    }
}
