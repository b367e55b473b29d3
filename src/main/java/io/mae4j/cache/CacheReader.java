package io.mae4j.cache;

import io.mae4j.data.ImageFolderDataset;
import io.mae4j.mask.ImageScores;
import io.mae4j.mask.ScoreSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A θ score cache loaded fully into memory (≈1 KB per image: 9.5k ImageNette images take ~10 MB),
 * after checking its header against the current dataset and scorer. Immutable after
 * {@link #open}, so reads are thread-safe.
 */
public final class CacheReader implements ScoreSource {

    private final CacheHeader header;
    private final Path root;
    private final Map<String, CacheEntry> entries;
    private final Map<String, String> skipped;

    private CacheReader(CacheHeader header, Path root, Map<String, CacheEntry> entries, Map<String, String> skipped) {
        this.header = header;
        this.root = root;
        this.entries = Map.copyOf(entries);
        this.skipped = Map.copyOf(skipped);
    }

    /**
     * Opens a cache and checks it.
     *
     * @param file the cache file
     * @param dataset the split the cache must describe (its fingerprint is recomputed now)
     * @param scorer the scorer the caller expects
     * @param settings the settings the caller expects
     * @throws StaleCacheException when the file is missing, stale or of another scorer/settings; its
     *     message says what differs and the {@code cache build} command that rebuilds it
     */
    public static CacheReader open(Path file, ImageFolderDataset dataset, Scorer scorer, CacheSettings settings)
            throws IOException {
        CacheHeader want = new CacheBuilder(dataset, scorer, settings).expectedHeader("");
        if (!Files.isRegularFile(file)) {
            throw new StaleCacheException("no θ score cache at " + file + ". Build it with: "
                    + CacheCommandLine.build(dataset.root(), settings, scorer.name(), file));
        }
        try (CacheStore store = CacheStore.open(file)) {
            CacheHeader have = store.header();
            if (have == null) {
                throw new StaleCacheException("θ score cache " + file + " has no header (its build never started"
                        + " writing). Build it with: " + CacheCommandLine.build(dataset.root(), settings, scorer.name(), file));
            }
            String diff = HeaderCheck.differences(have, want);
            if (!diff.isEmpty()) {
                throw new StaleCacheException("θ score cache " + file + " does not match: " + diff
                        + ". Rebuild it with: " + have.command());
            }
            return new CacheReader(have, dataset.root(), store.entries(have.gridSize()), store.skipped());
        }
    }

    /** Opens a cache without checking it against a dataset (for {@code cache info} / {@code show}). */
    public static CacheReader openUnchecked(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no θ score cache at " + file);
        }
        try (CacheStore store = CacheStore.open(file)) {
            CacheHeader h = store.header();
            if (h == null) {
                throw new IOException("θ score cache " + file + " has no header; rebuild it with `cache build`");
            }
            return new CacheReader(h, Path.of(h.datasetRoot()), store.entries(h.gridSize()), store.skipped());
        }
    }

    /** The header. */
    public CacheHeader header() {
        return header;
    }

    /** Number of cached images. */
    public int size() {
        return entries.size();
    }

    /** Images skipped as corrupt, with their reason, keyed by relative path. */
    public Map<String, String> skipped() {
        return skipped;
    }

    /** Every entry, in path order. */
    public java.util.List<CacheEntry> entries() {
        return new java.util.TreeMap<>(entries).values().stream().toList();
    }

    /** The entry of a path relative to the dataset root ('/'-separated), or null. */
    public CacheEntry entry(String relativePath) {
        return entries.get(relativePath);
    }

    /**
     * {@inheritDoc}
     *
     * @param image a path under the dataset root (absolute, or relative to the working directory as the
     *     dataset lists it), or a path relative to the root
     */
    @Override
    public ImageScores scores(Path image) {
        String key;
        if (image.startsWith(root) || image.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
            key = root.toAbsolutePath().normalize().relativize(image.toAbsolutePath().normalize()).toString();
        } else {
            key = image.toString();
        }
        CacheEntry e = entries.get(key.replace('\\', '/'));
        return e == null ? null : e.scores();
    }
}
