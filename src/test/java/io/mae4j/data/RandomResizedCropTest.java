package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** torchvision's RandomResizedCrop box rules, the reported geometry, flip and the resize prefilter. */
class RandomResizedCropTest {

    private static final double R_MIN = 3.0 / 4.0;
    private static final double R_MAX = 4.0 / 3.0;

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensure();
    }

    @Test
    void sampledBoxesObeyTorchvisionRules() {
        int w0 = 120; // square: crops up to the whole image are possible, and rejections are symmetric in w/h
        int h0 = 120;
        double minFrac = 1;
        double maxFrac = 0;
        double sumLogRatio = 0;
        int n = 2000;
        for (int s = 0; s < n; s++) {
            CropBox b = RandomResizedCrop.sampleBox(w0, h0, 0.2, 1.0, R_MIN, R_MAX, new SplittableRandom(s));
            assertTrue(b.w() > 0 && b.h() > 0 && b.i() >= 0 && b.j() >= 0, b.toString());
            assertTrue(b.i() + b.h() <= h0 && b.j() + b.w() <= w0, b.toString());
            double frac = (double) b.w() * b.h() / (w0 * h0);
            double ratio = (double) b.w() / b.h();
            // rounding w and h to integers moves area and ratio by a few percent at most here
            assertTrue(frac >= 0.2 * 0.95 && frac <= 1.0, "area fraction " + frac);
            assertTrue(ratio >= R_MIN * 0.97 && ratio <= R_MAX * 1.03, "ratio " + ratio);
            minFrac = Math.min(minFrac, frac);
            maxFrac = Math.max(maxFrac, frac);
            sumLogRatio += Math.log(ratio);
        }
        assertTrue(minFrac < 0.22 && maxFrac > 0.9, "scale range not covered: " + minFrac + ".." + maxFrac);
        assertEquals(0.0, sumLogRatio / n, 0.03); // log-uniform ratio is symmetric around 0
    }

    @Test
    void fallbackIsCentredCropWithClampedRatio() {
        // a 1000x10 strip: every attempt needs h >= sqrt(0.9*10000*3/4) > 10, so all 10 fail
        CropBox wide = RandomResizedCrop.sampleBox(1000, 10, 0.9, 1.0, R_MIN, R_MAX, new SplittableRandom(7));
        assertEquals(new CropBox(0, 493, 10, 13), wide); // w = round(10 * 4/3) = 13, j = (1000-13)//2
        CropBox tall = RandomResizedCrop.sampleBox(10, 1000, 0.9, 1.0, R_MIN, R_MAX, new SplittableRandom(7));
        assertEquals(new CropBox(493, 0, 13, 10), tall); // h = round(10 / (3/4)) = 13
        assertEquals(new CropBox(0, 0, 90, 100), RandomResizedCrop.fallbackBox(100, 90, R_MIN, R_MAX));
        // Python rounds half to even: 10 / 0.8 = 12.5 -> 12, (1000-12)//2 = 494
        assertEquals(new CropBox(494, 0, 12, 10), RandomResizedCrop.fallbackBox(10, 1000, 0.8, 1.25));
    }

    /** A black 160x120 image with a white 8x8 square whose top-left pixel is (100, 40). */
    private static DecodedImage marked() {
        int w = 160;
        int h = 120;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 40; y < 48; y++) {
            for (int x = 100; x < 108; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) 255;
                }
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    /** Intensity-weighted centroid of channel 0 (pixel centres at +0.5). */
    private static double[] centroid(DecodedImage img) {
        double sx = 0;
        double sy = 0;
        double sw = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double v = img.get(x, y, 0);
                sx += v * (x + 0.5);
                sy += v * (y + 0.5);
                sw += v;
            }
        }
        return new double[] {sx / sw, sy / sw};
    }

    @Test
    void geometryMapsMarkedPixelToWhereItLands() {
        DecodedImage src = marked();
        RandomResizedCrop rrc = new RandomResizedCrop(64, 0.2, 1.0, R_MIN, R_MAX, 0.5);
        int flipped = 0;
        int straight = 0;
        for (int s = 0; s < 400 && (flipped < 8 || straight < 8); s++) {
            CroppedImage out = rrc.apply(src, new SplittableRandom(s));
            CropGeometry g = out.geometry();
            if (g.x() > 96 || g.x() + g.width() < 112 || g.y() > 36 || g.y() + g.height() < 52) {
                continue; // the mark (with a 4 px margin) is not fully inside this crop
            }
            double[] expected = g.toOutput(104, 44); // centre of the 8x8 square
            double[] got = centroid(out.image());
            assertEquals(expected[0], got[0], 1.0, "x, seed " + s + " " + g);
            assertEquals(expected[1], got[1], 1.0, "y, seed " + s + " " + g);
            assertEquals(160, g.sourceWidth());
            assertEquals(64, g.outputWidth());
            if (g.flipped()) {
                flipped++;
            } else {
                straight++;
            }
        }
        assertTrue(flipped >= 8 && straight >= 8, "flipped " + flipped + ", straight " + straight);
    }

    @Test
    void flipMirrorsTheSameCrop() {
        DecodedImage src = marked();
        CroppedImage a = new RandomResizedCrop(32, 0.3, 1.0, R_MIN, R_MAX, 0.0).apply(src, new SplittableRandom(3));
        CroppedImage b = new RandomResizedCrop(32, 0.3, 1.0, R_MIN, R_MAX, 1.0).apply(src, new SplittableRandom(3));
        assertFalse(a.geometry().flipped());
        assertTrue(b.geometry().flipped());
        assertEquals(a.geometry().x(), b.geometry().x());
        assertArrayEquals(ImageOps.flipHorizontal(a.image()).rgb(), b.image().rgb());
    }

    @Test
    void strongShrinkIsLowPassed() {
        // 256x256 uniform noise to 32x32: averaging 8x8 blocks leaves std ~9; plain bicubic keeps ~48
        SplittableRandom rng = new SplittableRandom(1);
        byte[] rgb = new byte[256 * 256 * 3];
        for (int k = 0; k < rgb.length; k++) {
            rgb[k] = (byte) rng.nextInt(256);
        }
        DecodedImage out = ImageOps.cropResize(new DecodedImage(256, 256, rgb), 0, 0, 256, 256, 32, 32);
        double mean = 0;
        double sq = 0;
        int n = 32 * 32;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                double v = out.get(x, y, 1);
                mean += v / n;
                sq += v * v / n;
            }
        }
        double std = Math.sqrt(sq - mean * mean);
        assertEquals(127.5, mean, 3.0);
        assertTrue(std < 20, "std " + std + ": the INTER_AREA prefilter is missing");
    }

    @Test
    void evalResizeCenterCropGeometry() {
        DecodedImage src = new DecodedImage(200, 100, new byte[200 * 100 * 3]);
        CropGeometry g = new ResizeCenterCrop(50, 50).apply(src).geometry();
        // resized to 100x50, centre crop left = 25 -> source x = 50, width = 100
        assertEquals(new CropGeometry(200, 100, 50, 0, 100, 100, 50, 50, false), g);
        // no resize needed (shorter side already 50); left = round(24.5) = 24 (half to even)
        CroppedImage c = new ResizeCenterCrop(50, 50).apply(new DecodedImage(99, 50, new byte[99 * 50 * 3]));
        assertEquals(24.0, c.geometry().x());
        assertEquals(50.0, c.geometry().width());
        // the marked square lands where the geometry says
        CroppedImage m = new ResizeCenterCrop(60, 48).apply(marked());
        double[] expected = m.geometry().toOutput(104, 44);
        double[] got = centroid(m.image());
        assertEquals(expected[0], got[0], 1.0);
        assertEquals(expected[1], got[1], 1.0);
    }
}
