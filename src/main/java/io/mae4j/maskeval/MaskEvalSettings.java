package io.mae4j.maskeval;

import com.typesafe.config.Config;
import java.util.List;

/**
 * The {@code mask_eval} section of configs/defaults.conf.
 *
 * @param ratios drop ratios r, each in [0, 1) (r = 0 is the baseline, always evaluated)
 * @param drop tokens or mean
 * @param repeats random-control repeats R ≥ 1
 * @param seed tie-break, random-control, bootstrap and spurious-control seed
 * @param bootstrap resamples B ≥ 1
 * @param maxImages images evaluated, 0 = all
 * @param batchSize images per classifier forward
 * @param galleryImages images in gallery.png
 * @param spurious the spurious-correlation finder's settings
 */
public record MaskEvalSettings(double[] ratios, DropMode drop, int repeats, long seed, int bootstrap, int maxImages,
        int batchSize, int galleryImages, Spurious spurious) {

    /**
     * {@code mask_eval.spurious}.
     *
     * @param enabled run the finder
     * @param thetaThreshold flag keypoint patches with θ̄ below this
     * @param minShare share of (layer, head) pairs that makes j attended
     * @param maxDropRatio cap of the drop set as a share of N
     * @param topImages images in spurious.png
     * @param nullDraws random patch sets per image for the null ({@link SpuriousNull})
     * @param fdr Benjamini–Hochberg false-discovery rate of the image flags
     */
    public record Spurious(boolean enabled, double thetaThreshold, double minShare, double maxDropRatio,
            int topImages, int nullDraws, double fdr) {}

    /** Validates the values, naming the key at fault. */
    public MaskEvalSettings {
        ratios = ratios.clone();
        if (ratios.length == 0) {
            throw new IllegalArgumentException("mask_eval.ratios is empty: give at least one ratio, e.g. [0.1]");
        }
        for (double r : ratios) {
            DropPlan.checkRatio(r);
        }
        if (repeats < 1 || bootstrap < 1 || maxImages < 0 || batchSize < 1 || galleryImages < 0) {
            throw new IllegalArgumentException("mask_eval needs repeats >= 1, bootstrap >= 1, max_images >= 0,"
                    + " batch_size >= 1 and gallery_images >= 0; got " + repeats + ", " + bootstrap + ", " + maxImages
                    + ", " + batchSize + ", " + galleryImages);
        }
        if (!(spurious.minShare() > 0 && spurious.minShare() <= 1)) {
            throw new IllegalArgumentException("mask_eval.spurious.min_share must be in (0, 1], got "
                    + spurious.minShare());
        }
        DropPlan.checkRatio(spurious.maxDropRatio());
        if (spurious.nullDraws() < 1 || !(spurious.fdr() > 0 && spurious.fdr() < 1)) {
            throw new IllegalArgumentException("mask_eval.spurious needs null_draws >= 1 and 0 < fdr < 1, got "
                    + spurious.nullDraws() + " and " + spurious.fdr());
        }
        if (spurious.topImages() < 0) {
            throw new IllegalArgumentException("mask_eval.spurious.top_images must be >= 0, got " + spurious.topImages());
        }
    }

    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    /** Reads the {@code mask_eval} section. */
    public static MaskEvalSettings from(Config m) {
        List<Double> r = m.getDoubleList("ratios");
        Config s = m.getConfig("spurious");
        return new MaskEvalSettings(r.stream().mapToDouble(Double::doubleValue).toArray(),
                DropMode.parse(m.getString("drop")), m.getInt("repeats"), m.getLong("seed"), m.getInt("bootstrap"),
                m.getInt("max_images"), m.getInt("batch_size"), m.getInt("gallery_images"),
                new Spurious(s.getBoolean("enabled"), s.getDouble("theta_threshold"), s.getDouble("min_share"),
                        s.getDouble("max_drop_ratio"), s.getInt("top_images"), s.getInt("null_draws"),
                        s.getDouble("fdr")));
    }
}
