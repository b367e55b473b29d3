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
 * {@code cache build} writes under the dataset. The cache is checked against the split the run
 * opened (images, settings, scorer) and read by paths relative to {@code data.root}, so it travels
 * with its dataset; a cache of other images or settings is refused with the command that rebuilds it.
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
     * @param cacheLine for a score-guided strategy, one line on the θ score cache read (file, scorer,
     *     images, when built), else ""
     */
    record Masking(MaskStrategy strategy, CurriculumCheck feasibility, String cacheLine) {}

    /** The configured mask strategy and, for guided_curriculum, the check of its schedule against the cache. */
    static Masking masking(Config c, ImageFolderDataset train) throws IOException {
        String name = c.getString("mask.name");
        if (!MaskStrategies.needsScores(name)) {
            return new Masking(MaskStrategies.create(name, c.getConfig("mask")), null, "");
        }
        Opened opened = open(c, train);
        CacheReader reader = opened.reader();
        MaskStrategy strategy = MaskStrategies.create(name, c.getConfig("mask"), reader);
        CacheHeader h = reader.header();
        String line = String.format(java.util.Locale.ROOT, "θ score cache %s: scorer %s (fingerprint %s), %d images of"
                + " split %s, built %s", opened.file(), h.scorer(), shortPrint(h.scorerFingerprint()), h.datasetImages(),
                h.split(), h.created());
        return new Masking(strategy, GuidedCurriculumStrategy.NAME.equals(name) ? CurriculumCheck.of(c, reader) : null,
                line);
    }

    private static String shortPrint(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }

    private record Opened(Path file, CacheReader reader) {}

    private static Opened open(Config c, ImageFolderDataset train) throws IOException {
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
        // entries are looked up relative to the dataset this run opened: the cache travels with its dataset
        CacheReader reader = CacheReader.openUnchecked(file, train.root());
        CacheHeader h = reader.header();
        if (!h.datasetFingerprint().equals(train.fingerprint())) {
            throw new StaleCacheException("θ score cache " + file + " was built for other images than "
                    + train.root().resolve(train.split()) + " (dataset fingerprint differs: files added, removed or"
                    + " changed, or data.max_train differs). Rebuild it with: "
                    + rebuild(here(h.command(), train.root()), settings.siftSide()));
        }
        String rule = settings.keypointRule();
        if (!h.settings().contains(rule)) {
            String why = h.settings().contains(CacheSettings.VIEW_KEY)
                    ? "its keypoints were detected under other settings ('" + h.settings() + "'; this run needs '"
                            + rule + "': model.img_size, data.crop_scale, cache.sift_side or analysis.sift differ)"
                    : "its keypoints were detected at each source image's own resolution, the rule before SIFT at"
                            + " the model's view (src/site/markdown/keypoints.md)";
            throw new StaleCacheException("θ score cache " + file + " is stale: " + why + ". Rebuild it with: "
                    + rebuild(here(h.command(), train.root()), settings.siftSide()));
        }
        return new Opened(file, reader);
    }

    /** The header's rebuild command for the dataset at {@code root} (it records where the cache was built). */
    static String here(String command, Path root) {
        return command.replaceAll(" data\\.root=\\S+", java.util.regex.Matcher.quoteReplacement(" data.root=" + root));
    }

    /** The header's rebuild command with the view side this run needs (replacing any given there). */
    static String rebuild(String command, int siftSide) {
        String base = command.replaceAll(" cache\\.sift_side=\\S+", "");
        return base + " cache.sift_side=" + siftSide;
    }
}
