package io.mae4j.train;

import com.typesafe.config.Config;
import io.mae4j.cache.CacheBuilder;
import io.mae4j.cache.CacheHeader;
import io.mae4j.cache.CacheReader;
import io.mae4j.cache.CacheSettings;
import io.mae4j.cache.Scorers;
import io.mae4j.cache.StaleCacheException;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.mask.GuidedCurriculumStrategy;
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

    /**
     * The run's masking.
     *
     * @param strategy the mask strategy
     * @param feasibility for guided_curriculum, what the cache supports ({@link CurriculumCheck}), else null
     */
    record Masking(MaskStrategy strategy, CurriculumCheck feasibility) {}

    /** The configured mask strategy and, for guided_curriculum, the check of its schedule against the cache. */
    static Masking masking(Config c, ImageFolderDataset train) throws IOException {
        String name = c.getString("mask.name");
        if (!MaskStrategies.needsScores(name)) {
            return new Masking(MaskStrategies.create(name, c.getConfig("mask")), null);
        }
        CacheReader reader = open(c, train);
        MaskStrategy strategy = MaskStrategies.create(name, c.getConfig("mask"), reader);
        return new Masking(strategy, GuidedCurriculumStrategy.NAME.equals(name) ? CurriculumCheck.of(c, reader) : null);
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
                    + " cache.sift_side=" + settings.siftSide()
                    + " (then pass mask.guided.cache=<file> if it is not the default sift-only cache)");
        }
        CacheReader reader = CacheReader.openUnchecked(file);
        CacheHeader h = reader.header();
        if (!h.datasetFingerprint().equals(train.fingerprint())) {
            throw new StaleCacheException("θ score cache " + file + " was built for other images than "
                    + train.root().resolve(train.split()) + " (dataset fingerprint differs: files added, removed or"
                    + " changed, or data.max_train differs). Rebuild it with: " + h.command());
        }
        String rule = settings.keypointRule();
        if (!h.settings().contains(rule)) {
            String why = h.settings().contains(CacheSettings.VIEW_KEY)
                    ? "its keypoints were detected under other settings ('" + h.settings() + "'; this run needs '"
                            + rule + "': model.img_size, data.crop_scale, cache.sift_side or analysis.sift differ)"
                    : "its keypoints were detected at each source image's own resolution, the rule before SIFT at"
                            + " the model's view (src/site/markdown/keypoints.md)";
            throw new StaleCacheException("θ score cache " + file + " is stale: " + why + ". Rebuild it with: "
                    + rebuild(h.command(), settings.siftSide()));
        }
        return reader;
    }

    /** The header's rebuild command with the view side this run needs (replacing any given there). */
    static String rebuild(String command, int siftSide) {
        String base = command.replaceAll(" cache\\.sift_side=\\S+", "");
        return base + " cache.sift_side=" + siftSide;
    }
}
