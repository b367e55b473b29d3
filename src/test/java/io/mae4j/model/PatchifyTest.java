package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pins the MAE patch order (j = row·w + col) and the in-patch flatten order (p, q, c). */
class PatchifyTest {

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    /** 1×2×4×4 image with pixel (c, y, x) = 100·c + 10·y + x, patch 2. */
    @Test
    void flattensPatchesInRowMajorOrderAndPixelsAsPqc() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] px = new float[2 * 4 * 4];
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        px[c * 16 + y * 4 + x] = 100 * c + 10 * y + x;
                    }
                }
            }
            NDArray imgs = m.create(px, new Shape(1, 2, 4, 4));
            NDArray patches = Patchify.patchify(imgs, 2);
            assertEquals(new Shape(1, 4, 8), patches.getShape());
            float[] expected = {
                0, 100, 1, 101, 10, 110, 11, 111, // patch 0: row 0, col 0
                2, 102, 3, 103, 12, 112, 13, 113, // patch 1: row 0, col 1
                20, 120, 21, 121, 30, 130, 31, 131, // patch 2: row 1, col 0
                22, 122, 23, 123, 32, 132, 33, 133, // patch 3: row 1, col 1
            };
            assertArrayEquals(expected, patches.toFloatArray());
            assertArrayEquals(px, Patchify.unpatchify(patches, 2, 2).toFloatArray());
        }
    }

    @Test
    void roundTripsSquareAndRectangularBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray square = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray back = Patchify.unpatchify(Patchify.patchify(square, 4), 4, 3);
            assertArrayEquals(square.toFloatArray(), back.toFloatArray());

            NDArray rect = m.randomNormal(new Shape(2, 3, 8, 12));
            NDArray patches = Patchify.patchify(rect, 4);
            assertEquals(new Shape(2, 6, 48), patches.getShape());
            assertArrayEquals(rect.toFloatArray(), Patchify.unpatchify(patches, 4, 3, 2, 3).toFloatArray());
        }
    }

    @Test
    void rejectsBadShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> Patchify.patchify(m.zeros(new Shape(1, 3, 10, 8)), 4));
            assertThrows(IllegalArgumentException.class, () -> Patchify.patchify(m.zeros(new Shape(3, 8, 8)), 4));
            assertThrows(IllegalArgumentException.class, () -> Patchify.unpatchify(m.zeros(new Shape(1, 6, 48)), 4, 3));
            assertThrows(IllegalArgumentException.class, () -> Patchify.unpatchify(m.zeros(new Shape(1, 4, 47)), 4, 3));
        }
    }
}
