package io.mae4j.data;

/**
 * Settings of {@link MaeTransform}.
 *
 * @param size model input side (square)
 * @param scaleMin RandomResizedCrop area fraction, lower bound (MAE: 0.2)
 * @param scaleMax RandomResizedCrop area fraction, upper bound (MAE: 1.0)
 * @param ratioMin aspect ratio w/h, lower bound (MAE: 3/4)
 * @param ratioMax aspect ratio w/h, upper bound (MAE: 4/3)
 * @param hflip probability of a horizontal flip (MAE: 0.5)
 * @param mean per-channel normalisation mean, R G B
 * @param std per-channel normalisation std, R G B
 */
public record TransformSettings(int size, double scaleMin, double scaleMax, double ratioMin, double ratioMax,
        double hflip, float[] mean, float[] std) {

    /** ImageNet channel means, as used by MAE. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet channel standard deviations, as used by MAE. */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /** Validates the values and copies the arrays. */
    public TransformSettings {
        check(size, scaleMin, scaleMax, ratioMin, ratioMax, hflip);
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need exactly 3 values (R, G, B)");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** MAE's pre-training augmentation at the given size: scale (0.2, 1), ratio (3/4, 4/3), flip 0.5, ImageNet stats. */
    public static TransformSettings mae(int size) {
        return new TransformSettings(size, 0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0, 0.5, IMAGENET_MEAN, IMAGENET_STD);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    static void check(int size, double scaleMin, double scaleMax, double ratioMin, double ratioMax, double hflip) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, got " + size);
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1.0)) {
            throw new IllegalArgumentException("Need 0 < scaleMin <= scaleMax <= 1, got scale=(" + scaleMin + ", "
                    + scaleMax + ")");
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax && Double.isFinite(ratioMax))) {
            throw new IllegalArgumentException("Need 0 < ratioMin <= ratioMax, got ratio=(" + ratioMin + ", "
                    + ratioMax + ")");
        }
        if (!(hflip >= 0 && hflip <= 1)) {
            throw new IllegalArgumentException("hflip must be a probability in [0, 1], got " + hflip);
        }
    }
}
