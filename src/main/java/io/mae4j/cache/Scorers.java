package io.mae4j.cache;

/** Resolves the {@code cache.scorer} value. */
public final class Scorers {

    private Scorers() {}

    /**
     * The scorer named by {@code cache.scorer}.
     *
     * @throws IllegalArgumentException for anything but {@code sift-only}: a model scorer needs its model
     *     loaded ({@link ModelScorer#open}), and its cache file is named by {@code cache=<file>}
     */
    public static Scorer resolve(String spec) {
        if (SiftDensityScorer.NAME.equals(spec)) {
            return new SiftDensityScorer();
        }
        throw new IllegalArgumentException("cache.scorer='" + spec + "' is a model: name its cache file with"
                + " cache=<file> (`cache build` prints it), or use scorer=" + SiftDensityScorer.NAME);
    }
}
