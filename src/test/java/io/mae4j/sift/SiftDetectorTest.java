package io.mae4j.sift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.data.CroppedImage;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import io.mae4j.data.OpenCvLoader;
import io.mae4j.data.ResizeCenterCrop;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** SIFT on the model input of a real photo: fixed parameters give a fixed result. */
class SiftDetectorTest {

    @Test
    void modelInputOfTheCatPhotoGivesAStableResult() throws Exception {
        DecodedImage photo = ImageDecoder.decode(SiftReferenceTest.PHOTO);
        CroppedImage input = new ResizeCenterCrop(224, 224).apply(photo); // what a ViT-B/16 sees
        SiftDetector d = new SiftDetector(SiftSettings.OPENCV_DEFAULTS);
        List<Keypoint> a = d.detect(input.image());
        List<Keypoint> b = d.detect(input.image());
        assertEquals(a, b, "same image, same parameters, same keypoints");
        int[] t = PatchCounts.counts(a, 224, 224, 16);
        assertEquals(a.size(), Arrays.stream(t).sum());
        // pinned values (OpenCV 4.9, org.openpnp): they change only if the decoder, resize or SIFT do
        assertEquals(PINNED_COUNT, a.size());
        assertEquals(PINNED_KEY_PATCHES, PatchCounts.keypointPatches(t));
        Keypoint strongest = a.stream().max(java.util.Comparator.comparingDouble(Keypoint::response)).orElseThrow();
        assertEquals(PINNED_STRONGEST_X, strongest.x(), 1e-3);
        assertEquals(PINNED_STRONGEST_Y, strongest.y(), 1e-3);
        for (Keypoint k : a) {
            assertTrue(k.x() >= 0 && k.x() <= 224 && k.y() >= 0 && k.y() <= 224);
            assertTrue(k.octave() >= -1 && k.layer() >= 1 && k.layer() <= 3, k.toString());
            assertEquals(k.octave() >= 0 ? 1.0 / (1 << k.octave()) : 2.0, k.scale());
        }
        // more keypoints with a lower contrast threshold, fewer with nfeatures
        assertTrue(new SiftDetector(new SiftSettings(0, 3, 0.02, 10, 1.6)).detect(input.image()).size() > a.size());
        assertEquals(40, new SiftDetector(new SiftSettings(40, 3, 0.04, 10, 1.6)).detect(input.image()).size());
    }

    static final int PINNED_COUNT = 332;
    static final int PINNED_KEY_PATCHES = 120;
    static final double PINNED_STRONGEST_X = 176.8454;
    static final double PINNED_STRONGEST_Y = 99.1144;

    @Test
    void flatImageHasNoKeypoints() {
        byte[] gray = new byte[64 * 64 * 3];
        Arrays.fill(gray, (byte) 128);
        assertEquals(List.of(), new SiftDetector(SiftSettings.OPENCV_DEFAULTS).detect(new DecodedImage(64, 64, gray)));
    }

    @Test
    void rejectsBadInput() {
        OpenCvLoader.ensure();
        Mat color = new Mat(8, 8, CvType.CV_8UC3);
        try {
            assertThrows(IllegalArgumentException.class,
                    () -> new SiftDetector(SiftSettings.OPENCV_DEFAULTS).detectGray(color));
        } finally {
            color.release();
        }
        assertThrows(IllegalArgumentException.class, () -> new SiftSettings(-1, 3, 0.04, 10, 1.6));
        assertThrows(IllegalArgumentException.class, () -> new SiftSettings(0, 0, 0.04, 10, 1.6));
        assertThrows(IllegalArgumentException.class, () -> new SiftSettings(0, 3, 0.04, 10, 0));
    }
}
