package io.mae4j.sift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.data.CropGeometry;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import io.mae4j.data.ImageOps;
import io.mae4j.data.RandomResizedCrop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical keypoint rule: SIFT on the model's view of the image, not on the source at its own size. */
class ModelViewKeypointsTest {

    private static final SiftDetector SIFT = new SiftDetector(SiftSettings.OPENCV_DEFAULTS);

    @Test
    void viewSizes() {
        assertEquals(83, ModelViewKeypoints.trainingViewSide(64, 0.2, 1.0)); // 64 / sqrt(0.6) = 82.6
        assertEquals(289, ModelViewKeypoints.trainingViewSide(224, 0.2, 1.0));
        assertEquals(64, ModelViewKeypoints.trainingViewSide(64, 1.0, 1.0)); // no random crop: the evaluation view
        assertArrayEquals(new int[] {83, 83}, ModelViewKeypoints.viewSize(28, 28, 83));
        assertArrayEquals(new int[] {124, 83}, ModelViewKeypoints.viewSize(451, 300, 83)); // floor(83 * 451 / 300)
        assertArrayEquals(new int[] {83, 124}, ModelViewKeypoints.viewSize(300, 451, 83));
    }

    /** A 28 px image with one Gaussian spot: the cache rule finds it at 83 px and a known crop puts it in one patch. */
    @Test
    void aKnownSpotLandsInItsPatchOfAKnownCrop() {
        DecodedImage img = spots(28, new double[][] {{7.875, 4.375}}, 1.5);
        List<Keypoint> norm = ModelViewKeypoints.normalized(SIFT, img, 83);
        assertTrue(!norm.isEmpty(), "SIFT at the 83 px view finds the spot");
        // crop: the top-left 14 x 14 quarter resized to 64 x 64 (8 px patches); the spot centre lands at (36, 20),
        // the middle of patch (row 2, col 4) = index 20
        CropGeometry g = new CropGeometry(28, 28, 0, 0, 14, 14, 64, 64, false);
        int[] t = PatchCounts.counts(KeypointRemap.normalizedToOutput(norm, g), 64, 64, 8);
        assertTrue(t[2 * 8 + 4] > 0, "the spot's patch is a keypoint patch");
        for (int j = 0; j < t.length; j++) {
            if (t[j] > 0) {
                assertTrue(Math.abs(j / 8 - 2) <= 1 && Math.abs(j % 8 - 4) <= 1, "keypoint patch " + j + " far from the spot");
            }
        }
        // and SIFT on the crop itself agrees on that patch
        DecodedImage crop = ImageOps.cropResize(img, 0, 0, 14, 14, 64, 64);
        int[] direct = PatchCounts.counts(SIFT.detect(crop), 64, 64, 8);
        assertTrue(direct[2 * 8 + 4] > 0);
    }

    /**
     * The floor: on 28 px images (a real photo and its quarters, downscaled) the cached keypoint patches of MAE crops
     * agree with SIFT run on each crop (Jaccard) far better under the model-view rule than at source resolution.
     */
    @Test
    void cachedKeypointPatchesAgreeWithSiftOnTheCropForSmallImages() throws Exception {
        DecodedImage cat = ImageDecoder.decode(Path.of(ModelViewKeypointsTest.class.getResource("/photos/chelsea.png")
                .toURI()));
        List<DecodedImage> small = new ArrayList<>();
        small.add(ImageOps.cropResize(cat, 0, 0, cat.width(), cat.height(), 28, 28));
        int hw = cat.width() / 2;
        int hh = cat.height() / 2;
        for (int q = 0; q < 4; q++) {
            small.add(ImageOps.cropResize(cat, (q % 2) * hw, (q / 2) * hh, hw, hh, 28, 28));
        }
        RandomResizedCrop crop = new RandomResizedCrop(64, 0.2, 1.0, 0.75, 4.0 / 3, 0.5);
        double now = KeypointAgreement.meanJaccard(small, KeypointAgreement.modelView(SIFT,
                ModelViewKeypoints.trainingViewSide(64, 0.2, 1.0)), SIFT, crop, 8, 12, 1);
        double old = KeypointAgreement.meanJaccard(small, KeypointAgreement.sourceResolution(SIFT), SIFT, crop, 8, 12, 1);
        assertTrue(now >= 0.45, "model-view rule Jaccard " + now);
        assertTrue(now >= old + 0.2, "model view " + now + " vs source resolution " + old);
    }

    @Test
    void jaccardOfPatchSets() {
        assertEquals(1.0, KeypointAgreement.jaccard(new int[] {0, 0}, new int[] {0, 0}), 1e-12);
        assertEquals(1.0 / 3, KeypointAgreement.jaccard(new int[] {2, 1, 0}, new int[] {1, 0, 3}), 1e-12);
    }

    /** Dark gray image with bright Gaussian spots (centre x, y in pixels) of width sigma. */
    static DecodedImage spots(int size, double[][] centres, double sigma) {
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = 30;
                for (double[] c : centres) {
                    double dx = x + 0.5 - c[0];
                    double dy = y + 0.5 - c[1];
                    v += 200 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                }
                int b = (int) Math.min(255, Math.round(v));
                for (int ch = 0; ch < 3; ch++) {
                    rgb[(y * size + x) * 3 + ch] = (byte) b;
                }
            }
        }
        return new DecodedImage(size, size, rgb);
    }
}
