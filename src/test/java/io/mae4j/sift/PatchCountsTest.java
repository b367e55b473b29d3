package io.mae4j.sift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** t_j on the patch grid: patch (⌊y/P⌋, ⌊x/P⌋), index row · w + col, far edge clamped. */
class PatchCountsTest {

    static Keypoint at(double x, double y) {
        return new Keypoint(x, y, 2, 0, 0.1, 0, 1, 1);
    }

    @Test
    void countsByHandOnA3x2Grid() {
        // 12 x 8 image, P = 4: grid w = 3 columns, h = 2 rows, patches 0 1 2 / 3 4 5
        List<Keypoint> k = List.of(
                at(0, 0),       // (0,0) -> 0
                at(3.99, 3.99), // still (0,0) -> 0
                at(4, 0),       // col 1 -> 1
                at(11.5, 1),    // col 2 -> 2
                at(12, 1),      // x == W: clamped to col 2 -> 2
                at(5, 4),       // row 1 col 1 -> 4
                at(12, 8));     // x == W, y == H: last patch -> 5
        assertArrayEquals(new int[] {2, 1, 2, 0, 1, 1}, PatchCounts.counts(k, 12, 8, 4));
        assertEquals(5, PatchCounts.keypointPatches(PatchCounts.counts(k, 12, 8, 4)));
    }

    @Test
    void noKeypointsGiveZeros() {
        assertArrayEquals(new int[4], PatchCounts.counts(List.of(), 8, 8, 4));
        assertEquals(0, PatchCounts.keypointPatches(new int[4]));
    }

    @Test
    void rejectsPointsOutsideAndBadGrids() {
        assertThrows(IllegalArgumentException.class, () -> PatchCounts.counts(List.of(at(-0.1, 1)), 8, 8, 4));
        assertThrows(IllegalArgumentException.class, () -> PatchCounts.counts(List.of(at(1, 8.01)), 8, 8, 4));
        assertThrows(IllegalArgumentException.class, () -> PatchCounts.counts(List.of(at(Double.NaN, 1)), 8, 8, 4));
        assertThrows(IllegalArgumentException.class, () -> PatchCounts.counts(List.of(), 10, 8, 4));
        assertThrows(IllegalArgumentException.class, () -> PatchCounts.counts(List.of(), 8, 8, 0));
    }

    @Test
    void unpacksOctaveLikeOpenCv() {
        // OpenCV packs octave | layer << 8 | xi-offset << 16; octave -1 is the up-sampled base image
        Keypoint up = Keypoint.fromPacked(1, 2, 3, 4, 0.5, 0x00FF | (2 << 8) | (17 << 16));
        assertEquals(-1, up.octave());
        assertEquals(2, up.layer());
        assertEquals(2.0, up.scale());
        Keypoint o2 = Keypoint.fromPacked(1, 2, 3, 4, 0.5, 2 | (3 << 8));
        assertEquals(2, o2.octave());
        assertEquals(3, o2.layer());
        assertEquals(0.25, o2.scale());
        assertEquals(2 | (3 << 8), o2.packedOctave());
        assertEquals(0x00FF | (2 << 8), up.packedOctave());
    }
}
