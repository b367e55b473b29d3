package io.mae4j.sift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mae4j.data.CropGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keypoints through a crop box, a resize and a flip, and through normalised coordinates. */
class KeypointRemapTest {

    static Keypoint kp(double x, double y, double size, double angle) {
        return new Keypoint(x, y, size, angle, 0.2, 1, 2, 0.5);
    }

    @Test
    void cropResizeKeepsInsidePointsOnly() {
        // source 200 x 100; crop x in [50, 150), y in [0, 100) resized to 50 x 50: sx = 0.5, sy = 0.5
        CropGeometry g = new CropGeometry(200, 100, 50, 0, 100, 100, 50, 50, false);
        List<Keypoint> out = KeypointRemap.toOutput(List.of(
                kp(60, 20, 10, 30),   // -> (5, 10), size 5
                kp(49.9, 20, 10, 0),  // left of the crop: dropped
                kp(150, 20, 10, 0),   // on the right edge of the half-open box: dropped
                kp(149.9, 99.9, 4, 0)), g);
        assertEquals(2, out.size());
        assertEquals(5, out.get(0).x(), 1e-12);
        assertEquals(10, out.get(0).y(), 1e-12);
        assertEquals(5, out.get(0).size(), 1e-12);
        assertEquals(30, out.get(0).angle(), 1e-12);
        assertEquals(0.2, out.get(0).response());
        assertEquals(1, out.get(0).octave());
        assertEquals(49.95, out.get(1).x(), 1e-9);
        assertEquals(49.95, out.get(1).y(), 1e-9);
    }

    @Test
    void flipMirrorsPositionAndAngle() {
        CropGeometry g = new CropGeometry(100, 100, 0, 0, 100, 100, 100, 100, true);
        List<Keypoint> out = KeypointRemap.toOutput(List.of(kp(10, 20, 6, 30), kp(0, 5, 6, 200)), g);
        assertEquals(90, out.get(0).x(), 1e-12);
        assertEquals(20, out.get(0).y(), 1e-12);
        assertEquals(150, out.get(0).angle(), 1e-12);
        assertEquals(100, out.get(1).x(), 1e-12, "left edge lands on the far edge; PatchCounts clamps it");
        assertEquals(340, out.get(1).angle(), 1e-12);
        int[] t = PatchCounts.counts(out, 100, 100, 10);
        assertEquals(1, t[2 * 10 + 9]); // (90, 20) -> row 2, col 9
        assertEquals(1, t[9]);          // (100, 5) -> row 0, col 9 (clamped)
    }

    @Test
    void normalisedRoundTripAndRemap() {
        List<Keypoint> px = List.of(kp(30, 15, 8, 10), kp(0, 0, 2, 0));
        List<Keypoint> norm = KeypointRemap.toNormalized(px, 60, 30);
        assertEquals(0.5, norm.get(0).x(), 1e-12);
        assertEquals(0.5, norm.get(0).y(), 1e-12);
        assertEquals(8 / Math.sqrt(60 * 30), norm.get(0).size(), 1e-12);
        List<Keypoint> back = KeypointRemap.fromNormalized(norm, 60, 30);
        for (int i = 0; i < px.size(); i++) {
            assertEquals(px.get(i).x(), back.get(i).x(), 1e-9);
            assertEquals(px.get(i).y(), back.get(i).y(), 1e-9);
            assertEquals(px.get(i).size(), back.get(i).size(), 1e-9);
        }
        // the same normalised points for a 120 x 60 copy of the image, whole image resized to 30 x 15
        CropGeometry g = CropGeometry.whole(120, 60, 30, 15);
        List<Keypoint> out = KeypointRemap.normalizedToOutput(norm, g);
        assertEquals(15, out.get(0).x(), 1e-9);
        assertEquals(7.5, out.get(0).y(), 1e-9);
        assertEquals(norm.get(0).size() * Math.sqrt(120 * 60) * 0.25, out.get(0).size(), 1e-9);
    }

    @Test
    void mirrorAngleStaysInRange() {
        assertEquals(180, KeypointRemap.mirrorAngle(0), 0);
        assertEquals(0, KeypointRemap.mirrorAngle(180), 0);
        assertEquals(270, KeypointRemap.mirrorAngle(270), 0);
        assertEquals(181, KeypointRemap.mirrorAngle(359), 1e-12);
    }
}
