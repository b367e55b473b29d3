package io.mae4j.train;

import com.typesafe.config.Config;
import io.mae4j.cache.CacheBuilder;
import io.mae4j.cache.CacheReader;
import io.mae4j.cache.CacheSettings;
import io.mae4j.cache.Scorers;
import io.mae4j.cache.StaleCacheException;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.mask.MaskStrategies;
import io.mae4j.mask.MaskStrategy;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds the run's mask strategy; score-guided strategies ({@code guided_curriculum},
 * {@code theta_top}, {@code theta_bottom}) get the θ score cache of the training split:
 * {@code mask.guided.cache}, or by default the {@code cache.scorer = sift-only} file that
 * {@code cache build} writes under the dataset. The cache is checked against the split the run
 * opened (images, settings, scorer) and read by paths relative to {@code data.root}, so it travels
 * with its dataset; a cache of other images or settings is refused with the command that rebuilds it.
 */
final class TrainScores {

    private TrainScores() {}

    /** Whether the configured mask strategy reads the θ score cache (of the training split). */
    static boolean needsScores(Config c) {
        return MaskStrategies.needsScores(c.getString("mask.name"));
    }

    /** The configured mask strategy, with its score source when it needs one. */
    static MaskStrategy maskStrategy(Config c, ImageFolderDataset train) throws IOException {
        String name = c.getString("mask.name");
        if (!MaskStrategies.needsScores(name)) {
            return MaskStrategies.create(name, c.getConfig("mask"));
        }
        return MaskStrategies.create(name, c.getConfig("mask"), open(c, train));
    }

    private static CacheReader open(Config c, ImageFolderDataset train) throws IOException {
        String given = c.getString("mask.guided.cache");
        CacheSettings settings = CacheSettings.from(c);
        Path file = !given.isEmpty() ? Path.of(given)
                : CacheBuilder.defaultFile(train.root(), train.split(), Scorers.resolve(settings.scorer()), settings);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new StaleCacheException("mask." + c.getString("mask.name") + " needs the θ score cache of "
                    + train.root().resolve(train.split()) + " and there is none at " + file + ". Build it first: "
                    + "java -jar target/mae4j.jar cache build data.root=" + train.root() + " split=" + train.split()
                    + " (then pass mask.guided.cache=<file> if it is not the default sift-only cache)");
        }
        return CacheReader.openForTraining(file, train, settings);
    }
}
