package io.mae4j.cache;

import com.typesafe.config.Config;
import io.mae4j.sift.SiftSettings;
import java.util.Locale;

/**
 * The {@code cache} config section plus the SIFT parameters ({@code analysis.sift}).
 *
 * @param path cache file; empty = the default under the dataset root
 * @param split dataset split to cache
 * @param scorer {@code sift-only}, or a run folder / .ckpt / weights file (see {@link ModelScorer})
 * @param gridSize side g of the canonical θ̄ grid
 * @param workers decode + SIFT threads (≥ 1)
 * @param commitEvery entries per SQLite transaction
 * @param sift SIFT parameters
 */
public record CacheSettings(String path, String split, String scorer, int gridSize, int workers, int commitEvery,
        SiftSettings sift) {

    public CacheSettings {
        if (gridSize < 1 || workers < 1 || commitEvery < 1) {
            throw new IllegalArgumentException("cache.grid_size, cache.workers and cache.commit_every must be >= 1,"
                    + " got " + gridSize + ", " + workers + ", " + commitEvery);
        }
    }

    /** Reads {@code cache.*} and {@code analysis.sift} of a composed config. */
    public static CacheSettings from(Config c) {
        Config k = c.getConfig("cache");
        int workers = k.getInt("workers");
        String split = k.getString("split");
        return new CacheSettings(k.getString("path"), split.isEmpty() ? c.getString("data.train_split") : split,
                k.getString("scorer"), k.getInt("grid_size"),
                workers > 0 ? workers : Runtime.getRuntime().availableProcessors(), k.getInt("commit_every"),
                SiftSettings.from(c.getConfig("analysis.sift")));
    }

    /** Canonical text of everything that changes the cached values (not workers / batching). */
    public String canonical() {
        return String.format(Locale.ROOT, "grid=%d sift(nfeatures=%d n_octave_layers=%d contrast_threshold=%s"
                + " edge_threshold=%s sigma=%s)", gridSize, sift.nfeatures(), sift.nOctaveLayers(),
                sift.contrastThreshold(), sift.edgeThreshold(), sift.sigma());
    }
}
