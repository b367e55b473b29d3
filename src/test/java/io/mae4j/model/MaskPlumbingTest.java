package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The encoder sees exactly the kept patches, in ids_shuffle order; the decoder un-shuffles them. */
class MaskPlumbingTest {

    private static final MaeConfig CFG = TestSupport.TINY; // N = 16 patches of 4×4×3
    private static final long[] SHUFFLE = {5, 0, 12, 9, 1, 2, 3, 4, 6, 7, 8, 10, 11, 13, 14, 15};
    private static final int LEN_KEEP = 4;

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    /** Image whose patch j is filled with the value j / 10 (all patches distinguishable). */
    private static NDArray numberedPatches(NDManager m) {
        int g = CFG.gridSize();
        int p = CFG.patchSize();
        float[] px = new float[3 * CFG.imgSize() * CFG.imgSize()];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < CFG.imgSize(); y++) {
                for (int x = 0; x < CFG.imgSize(); x++) {
                    px[(c * CFG.imgSize() + y) * CFG.imgSize() + x] = ((y / p) * g + x / p) / 10f;
                }
            }
        }
        return m.create(px, new Shape(1, 3, CFG.imgSize(), CFG.imgSize()));
    }

    @Test
    void withoutBlocksTheLatentIsTheGatheredKeptPatches() {
        MaeConfig noBlocks = new MaeConfig(16, 4, 3, 16, 0, 2, 2.0, 8, 1, 2, false);
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(noBlocks, m, 3);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray imgs = numberedPatches(m);
            NDArray latent = model.encodeMasked(ps, imgs, m.create(SHUFFLE, new Shape(1, 16)), LEN_KEEP, false);
            NDArray full = model.encode(ps, imgs, false).tokens(); // (1, 17, D), patch order
            assertEquals(new Shape(1, 1 + LEN_KEEP, 16), latent.getShape());
            assertArrayEquals(full.get(0, 0).toFloatArray(), latent.get(0, 0).toFloatArray(), 1e-6f); // CLS
            for (int i = 0; i < LEN_KEEP; i++) {
                assertArrayEquals(full.get(0, 1 + SHUFFLE[i]).toFloatArray(), latent.get(0, 1 + i).toFloatArray(), 1e-6f,
                        "latent token " + (1 + i) + " must be patch " + SHUFFLE[i]);
            }
        }
    }

    @Test
    void removedPatchesDoNotReachTheEncoder() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(CFG, m, 4);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray ids = m.create(SHUFFLE, new Shape(1, 16));
            NDArray imgs = m.randomNormal(new Shape(1, 3, 16, 16));
            NDArray latent = model.encodeMasked(ps, imgs, ids, LEN_KEEP, false);

            NDArray changedRemoved = imgs.duplicate();
            changedRemoved.set(new NDIndex(":, :, 0:4, 4:8"), 7f); // patch 1: removed
            assertEquals(0f, TestSupport.maxAbsDiff(latent, model.encodeMasked(ps, changedRemoved, ids, LEN_KEEP, false)));

            NDArray changedKept = imgs.duplicate();
            changedKept.set(new NDIndex(":, :, 0:4, 0:4"), 7f); // patch 0: kept
            assertTrue(TestSupport.maxAbsDiff(latent, model.encodeMasked(ps, changedKept, ids, LEN_KEEP, false)) > 1e-3);
        }
    }

    /** Same kept set in another order: the encoder is permutation-equivariant, the decoder un-shuffles. */
    @Test
    void predictionDoesNotDependOnTheOrderOfKeptPatches() {
        long[] reordered = SHUFFLE.clone();
        reordered[0] = SHUFFLE[3];
        reordered[3] = SHUFFLE[0];
        reordered[4] = SHUFFLE[15]; // removed ones reordered as well
        reordered[15] = SHUFFLE[4];
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(CFG, m, 5);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray imgs = m.randomNormal(new Shape(1, 3, 16, 16));
            NDList a = TestSupport.fromShuffle(m, m.create(SHUFFLE, new Shape(1, 16)), LEN_KEEP);
            NDList b = TestSupport.fromShuffle(m, m.create(reordered, new Shape(1, 16)), LEN_KEEP);
            assertArrayEquals(a.get(2).toFloatArray(), b.get(2).toFloatArray()); // same mask
            MaeOutput outA = model.forwardMae(ps, imgs, a.get(0), a.get(1), a.get(2), LEN_KEEP, false);
            MaeOutput outB = model.forwardMae(ps, imgs, b.get(0), b.get(1), b.get(2), LEN_KEEP, false);
            assertTrue(TestSupport.maxAbsDiff(outA.pred(), outB.pred()) < 1e-5);
            // ... while using ids_shuffle where ids_restore belongs would scramble the patches
            MaeOutput wrong = model.forwardMae(ps, imgs, a.get(0), a.get(0), a.get(2), LEN_KEEP, false);
            assertTrue(TestSupport.maxAbsDiff(outA.pred(), wrong.pred()) > 1e-3);
            assertEquals(m, a.get(0).getManager(), "an input passed twice still goes back to its manager");
        }
    }

    @Test
    void rejectsInconsistentMasks() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(CFG, m, 6);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray imgs = m.randomNormal(new Shape(2, 3, 16, 16));
            NDList mask = TestSupport.randomMask(m, 2, 16, LEN_KEEP);
            assertThrows(IllegalArgumentException.class,
                    () -> model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 16, true));
            assertThrows(IllegalArgumentException.class,
                    () -> model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 0, true));
            assertThrows(IllegalArgumentException.class, () -> model.forwardMae(ps, imgs,
                    mask.get(0).toType(DataType.INT32, false), mask.get(1), mask.get(2), LEN_KEEP, true));
            assertThrows(IllegalArgumentException.class, () -> model.forwardMae(ps, imgs, mask.get(0), mask.get(1),
                    mask.get(2).reshape(2, 4, 4), LEN_KEEP, true));
            assertThrows(IllegalArgumentException.class,
                    () -> model.encodeMasked(ps, m.zeros(new Shape(2, 3, 8, 8)), mask.get(0), LEN_KEEP, false));
        }
    }
}
