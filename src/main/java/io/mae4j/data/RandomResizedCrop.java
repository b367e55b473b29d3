package io.mae4j.data;

import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomResizedCrop(size, scale, ratio, BICUBIC)} followed by {@code
 * RandomHorizontalFlip(p)}, reporting the {@link CropGeometry} it applied.
 *
 * <p>Box sampling ({@link #sampleBox}) follows torchvision exactly: up to 10 attempts of target area
 * = area · U(scaleMin, scaleMax) and aspect = exp(U(ln ratioMin, ln ratioMax)), w = round(√(area·aspect)),
 * h = round(√(area/aspect)) (Python rounding, half to even); accepted when 0 &lt; w ≤ W and 0 &lt;
 * h ≤ H, then i ~ U{0..H−h}, j ~ U{0..W−w}. After 10 misses: a centred crop of the whole image,
 * narrowed to the nearest allowed aspect ratio when the image's own ratio is outside [ratioMin,
 * ratioMax]. Random numbers come from the caller's {@link SplittableRandom} in that order (for each
 * attempt: scale, ratio; on success: i, j; then one draw for the flip when 0 &lt; p &lt; 1).
 * Resizing: see {@link ImageOps#cropResize}.
 */
public final class RandomResizedCrop {

    private static final int ATTEMPTS = 10;

    private final int size;
    private final double scaleMin;
    private final double scaleMax;
    private final double ratioMin;
    private final double ratioMax;
    private final double hflip;

    /**
     * @param size output side (square output)
     * @param scaleMin lower bound of the crop area fraction
     * @param scaleMax upper bound of the crop area fraction
     * @param ratioMin lower bound of the aspect ratio w/h
     * @param ratioMax upper bound of the aspect ratio w/h
     * @param hflip probability of a horizontal flip
     */
    public RandomResizedCrop(int size, double scaleMin, double scaleMax, double ratioMin, double ratioMax, double hflip) {
        TransformSettings.check(size, scaleMin, scaleMax, ratioMin, ratioMax, hflip);
        this.size = size;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.hflip = hflip;
    }

    /** Samples a crop box for a width × height image (torchvision's {@code get_params}). */
    public static CropBox sampleBox(int width, int height, double scaleMin, double scaleMax, double ratioMin,
            double ratioMax, SplittableRandom rng) {
        double area = (double) height * width;
        double logMin = StrictMath.log(ratioMin);
        double logMax = StrictMath.log(ratioMax);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = area * uniform(rng, scaleMin, scaleMax);
            double aspect = StrictMath.exp(uniform(rng, logMin, logMax));
            int w = (int) Math.rint(StrictMath.sqrt(targetArea * aspect));
            int h = (int) Math.rint(StrictMath.sqrt(targetArea / aspect));
            if (0 < w && w <= width && 0 < h && h <= height) {
                int i = rng.nextInt(height - h + 1);
                int j = rng.nextInt(width - w + 1);
                return new CropBox(i, j, h, w);
            }
        }
        return fallbackBox(width, height, ratioMin, ratioMax);
    }

    /** torchvision's fallback: the centred crop of the whole image, ratio clamped to [ratioMin, ratioMax]. */
    public static CropBox fallbackBox(int width, int height, double ratioMin, double ratioMax) {
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = width;
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = height;
            w = (int) Math.rint(h * ratioMax);
        } else {
            w = width;
            h = height;
        }
        return new CropBox((height - h) / 2, (width - w) / 2, h, w);
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Output side length. */
    public int size() {
        return size;
    }

    /** Samples a box, crops, resizes to size × size and flips with probability {@code hflip}. */
    public CroppedImage apply(DecodedImage src, SplittableRandom rng) {
        CropBox b = sampleBox(src.width(), src.height(), scaleMin, scaleMax, ratioMin, ratioMax, rng);
        DecodedImage out = ImageOps.cropResize(src, b.j(), b.i(), b.w(), b.h(), size, size);
        boolean flip = hflip >= 1.0 || (hflip > 0.0 && rng.nextDouble() < hflip);
        if (flip) {
            out = ImageOps.flipHorizontal(out);
        }
        CropGeometry g = new CropGeometry(src.width(), src.height(), b.j(), b.i(), b.w(), b.h(), size, size, flip);
        return new CroppedImage(out, g);
    }
}
