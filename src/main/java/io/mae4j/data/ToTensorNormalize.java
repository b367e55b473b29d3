package io.mae4j.data;

/**
 * torchvision's {@code ToTensor()} then {@code Normalize(mean, std)}: each byte v of channel c becomes
 * (v / 255 − mean[c]) / std[c] in float32, laid out CHW (3, H, W).
 */
public final class ToTensorNormalize {

    private final float[] mean;
    private final float[] std;

    /**
     * @param mean per-channel mean (R, G, B)
     * @param std per-channel standard deviation (R, G, B), positive
     */
    public ToTensorNormalize(float[] mean, float[] std) {
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need exactly 3 values (R, G, B)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0, got " + s);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** A new (3, H, W) float array. */
    public float[] apply(DecodedImage img) {
        float[] out = new float[3 * img.width() * img.height()];
        applyInto(img, out, 0);
        return out;
    }

    /** Writes the (3, H, W) values into {@code dst} starting at {@code offset}. */
    public void applyInto(DecodedImage img, float[] dst, int offset) {
        int hw = img.width() * img.height();
        byte[] rgb = img.rgb();
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c];
            int base = offset + c * hw;
            for (int p = 0; p < hw; p++) {
                float v = (rgb[p * 3 + c] & 0xFF) / 255f;
                dst[base + p] = (v - m) / s;
            }
        }
    }
}
