package io.mae4j.cache;

import com.typesafe.config.Config;
import io.mae4j.sift.ModelViewKeypoints;
import io.mae4j.sift.SiftSettings;
import java.util.List;
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
 * @param siftSide side V of the view SIFT runs on ({@link ModelViewKeypoints}): {@code cache.sift_side}, or
 *     when that is 0 {@link ModelViewKeypoints#trainingViewSide} of {@code model.img_size} and {@code
 *     data.crop_scale}
 */
public record CacheSettings(String path, String split, String scorer, int gridSize, int workers, int commitEvery,
        SiftSettings sift, int siftSide) {

    /** The part of {@link #canonical()} that names the keypoint rule; a cache without it predates the rule. */
    public static final String VIEW_KEY = "sift_view=";

    public CacheSettings {
        if (gridSize < 1 || workers < 1 || commitEvery < 1 || siftSide < 1) {
            throw new IllegalArgumentException("cache.grid_size, cache.workers, cache.commit_every and the SIFT view"
                    + " side must be >= 1, got " + gridSize + ", " + workers + ", " + commitEvery + ", " + siftSide);
        }
    }

    /** The same settings with another grid side (a model scorer's patch grid). */
    public CacheSettings withGrid(int g) {
        return new CacheSettings(path, split, scorer, g, workers, commitEvery, sift, siftSide);
    }

    /** The SIFT view side a composed config asks for ({@code cache.sift_side}, 0 = from the model and crops). */
    public static int siftSide(Config c) {
        int given = c.getInt("cache.sift_side");
        if (given > 0) {
            return given;
        }
        List<Double> scale = c.getDoubleList("data.crop_scale");
        return ModelViewKeypoints.trainingViewSide(c.getInt("model.img_size"), scale.get(0), scale.get(1));
    }

    /** Reads {@code cache.*} and {@code analysis.sift} of a composed config. */
    public static CacheSettings from(Config c) {
        Config k = c.getConfig("cache");
        int workers = k.getInt("workers");
        String split = k.getString("split");
        return new CacheSettings(k.getString("path"), split.isEmpty() ? c.getString("data.train_split") : split,
                k.getString("scorer"), k.getInt("grid_size"),
                workers > 0 ? workers : Runtime.getRuntime().availableProcessors(), k.getInt("commit_every"),
                SiftSettings.from(c.getConfig("analysis.sift")), siftSide(c));
    }

    /** Canonical text of everything that changes the cached values (not workers / batching). */
    public String canonical() {
        return String.format(Locale.ROOT, "grid=%d %s", gridSize, keypointRule());
    }

    /** Canonical text of the keypoint definition alone: view side and SIFT parameters. */
    public String keypointRule() {
        return String.format(Locale.ROOT, "%s%d sift(nfeatures=%d n_octave_layers=%d contrast_threshold=%s"
                + " edge_threshold=%s sigma=%s)", VIEW_KEY, siftSide, sift.nfeatures(), sift.nOctaveLayers(),
                sift.contrastThreshold(), sift.edgeThreshold(), sift.sigma());
    }
}
