package io.mae4j.cache;

import java.util.Map;

/** The text {@code cache info} prints: header, coverage, skipped images. */
public final class CacheInfo {

    private CacheInfo() {}

    /** Header and coverage of a loaded cache. */
    public static String describe(CacheReader r) {
        CacheHeader h = r.header();
        int n = h.datasetImages();
        StringBuilder sb = new StringBuilder(h.describe());
        sb.append(String.format(java.util.Locale.ROOT, "coverage            %d entries + %d skipped of %d images (%.1f%%)%n",
                r.size(), r.skipped().size(), n, n == 0 ? 100.0 : 100.0 * (r.size() + r.skipped().size()) / n));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.skipped()).entrySet()) {
            sb.append("skipped             ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }
}
