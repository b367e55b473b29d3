package io.mae4j.train;

import com.typesafe.config.Config;
import io.mae4j.cache.CacheBuilder;
import io.mae4j.cache.CacheHeader;
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
 * {@code cache build} writes under the dataset. A cache built from other images (its dataset
 * fingerprint differs) is refused with the command that rebuilds it.
 */
final class MaskStrategyLoader {

    private MaskStrategyLoader() {}

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
        CacheReader reader = CacheReader.openUnchecked(file);
        CacheHeader h = reader.header();
        if (!h.datasetFingerprint().equals(train.fingerprint())) {
            throw new StaleCacheException("θ score cache " + file + " was built for other images than "
                    + train.root().resolve(train.split()) + " (dataset fingerprint differs: files added, removed or"
                    + " changed, or data.max_train differs). Rebuild it with: " + h.command());
        }
        return reader;
    }
}
