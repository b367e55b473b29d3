package io.mae4j.cache;

import java.util.ArrayList;
import java.util.List;

/** Compares a cache file's header with what the current dataset and scorer would write. */
final class HeaderCheck {

    private HeaderCheck() {}

    /** What differs, in words ("" when the file matches). Creation time and command are ignored. */
    static String differences(CacheHeader have, CacheHeader want) {
        List<String> d = new ArrayList<>();
        if (have.formatVersion() != want.formatVersion()) {
            d.add("format version " + have.formatVersion() + " (this mae4j reads " + want.formatVersion() + ")");
        }
        if (!have.split().equals(want.split())) {
            d.add("split '" + have.split() + "' vs '" + want.split() + "'");
        }
        if (!have.datasetFingerprint().equals(want.datasetFingerprint())) {
            d.add("dataset fingerprint (files added, removed or modified since the build: the cache covered "
                    + have.datasetImages() + " images, the split now lists " + want.datasetImages() + ")");
        }
        if (!have.scorerFingerprint().equals(want.scorerFingerprint())) {
            d.add("scorer '" + have.scorerFingerprint() + "' vs now '" + want.scorerFingerprint() + "'");
        }
        if (!have.settings().contains(CacheSettings.VIEW_KEY)) {
            d.add("keypoints detected at each source image's own resolution (the rule before SIFT at the model's"
                    + " view, " + CacheSettings.VIEW_KEY + "...; see src/site/markdown/keypoints.md)");
        } else if (!have.settings().equals(want.settings())) {
            d.add("settings '" + have.settings() + "' vs now '" + want.settings() + "'");
        }
        return String.join("; ", d);
    }
}
