package io.mae4j.data;

/**
 * The evaluation transform: torchvision's {@code Resize(resize, BICUBIC)} (shorter side → {@code
 * resize}, longer side → floor(resize · long / short)) followed by {@code CenterCrop(crop)} (offset
 * round((dim − crop) / 2), half to even). Deterministic; the reported {@link CropGeometry} is the
 * centre crop expressed in source pixels.
 */
public final class ResizeCenterCrop {

    private final int resize;
    private final int crop;

    /**
     * @param resize target length of the shorter side
     * @param crop side of the square centre crop, at most {@code resize}
     */
    public ResizeCenterCrop(int resize, int crop) {
        if (crop <= 0 || resize < crop) {
            throw new IllegalArgumentException("Need 0 < crop <= resize, got resize=" + resize + " crop=" + crop);
        }
        this.resize = resize;
        this.crop = crop;
    }

    /** Output side length. */
    public int size() {
        return crop;
    }

    /** Resizes and centre-crops {@code src}. */
    public CroppedImage apply(DecodedImage src) {
        int w = src.width();
        int h = src.height();
        int newW;
        int newH;
        if (w <= h) {
            newW = resize;
            newH = (int) ((long) resize * h / w);
        } else {
            newH = resize;
            newW = (int) ((long) resize * w / h);
        }
        DecodedImage resized = newW == w && newH == h ? src : ImageOps.cropResize(src, 0, 0, w, h, newW, newH);
        int top = (int) Math.rint((newH - crop) / 2.0);
        int left = (int) Math.rint((newW - crop) / 2.0);
        DecodedImage out = ImageOps.cropResize(resized, left, top, crop, crop, crop, crop);
        double sx = (double) newW / w;
        double sy = (double) newH / h;
        CropGeometry g = new CropGeometry(w, h, left / sx, top / sy, crop / sx, crop / sy, crop, crop, false);
        return new CroppedImage(out, g);
    }
}
