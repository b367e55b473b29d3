package io.mae4j.cache;

/** Resolves the {@code cache.scorer} value. */
public final class Scorers {

    private Scorers() {}

    /**
     * The scorer named by {@code cache.scorer}.
     *
     * @throws IllegalArgumentException for anything but {@code sift-only}: model (checkpoint / weights)
     *     scorers are not part of this version
     */
    public static Scorer resolve(String spec) {
        if (SiftDensityScorer.NAME.equals(spec)) {
            return new SiftDensityScorer();
        }
        throw new IllegalArgumentException("cache.scorer='" + spec + "': this version builds caches with scorer="
                + SiftDensityScorer.NAME + " only (checkpoint / weights scorers are not implemented yet)");
    }
}
