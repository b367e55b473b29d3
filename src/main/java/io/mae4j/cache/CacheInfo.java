package io.mae4j.cache;

import java.util.Map;

/** The text {@code cache info} prints: header, coverage, skipped images, β feasibility. */
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

    /**
     * Keypoints, keypoint patches and β_max of the cached images ({@link BetaFeasibility}) for the model, crops and
     * mask ratio of a composed config (give the training run's {@code experiment=} / {@code model=} / {@code
     * mask.mask_ratio=}); seed 0.
     */
    public static String feasibility(CacheReader r, com.typesafe.config.Config c) {
        java.util.List<Double> scale = c.getDoubleList("data.crop_scale");
        java.util.List<Double> ratio = c.getDoubleList("data.crop_ratio");
        int s = c.getInt("model.img_size");
        int p = c.getInt("model.patch_size");
        double r0 = c.getDouble("mask.mask_ratio");
        BetaFeasibility f = BetaFeasibility.of(r.entries(), new BetaFeasibility.Crops(s, p,
                new double[] {scale.get(0), scale.get(1)}, new double[] {ratio.get(0), ratio.get(1)}), r0, 0);
        return String.format(java.util.Locale.ROOT, "feasibility for     model.img_size=%d patch_size=%d,"
                + " mask.mask_ratio=%s, data.crop_scale=%s%n", s, p, r0, scale) + f.describe(r0);
    }
}
