package io.mae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mae4j.NdTestBase;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Pins the weighted k-NN protocol on hand-made 2-D features. */
class KnnEvaluatorTest extends NdTestBase {


    /**
     * Memory (unnormalised on purpose): a = 3·(1, 0) class 0, b = 2·(0.6, 0.8) class 1,
     * c = (0.6, −0.8) class 1, d = (−1, −0.1) class 0. Query 1 = 2·(1, 0), label 0: its k = 3
     * neighbours have cosine 1 (a), 0.6 (b), 0.6 (c) — the majority says class 1. With T = 0.07 the
     * weights are e^14.29 for class 0 against 2·e^8.57 for class 1 → class 0 (correct); with T = 1,
     * e^1 = 2.72 against 2·e^0.6 = 3.64 → class 1 (wrong). Query 2 = (0, 1), label 1: neighbours b
     * (0.8), a (0), d (−0.0995) → class 1 for both temperatures (e^0.8 = 2.23 > 1 + e^−0.0995 = 1.91).
     */
    @Test
    void weightedVoteBeatsMajorityAndTemperatureMatters() {
        NDArray memory = manager.create(new float[] {3, 0, 1.2f, 1.6f, 0.6f, -0.8f, -1, -0.1f}, new Shape(4, 2));
        int[] memLabels = {0, 1, 1, 0};
        NDArray queries = manager.create(new float[] {2, 0, 0, 1}, new Shape(2, 2));
        int[] queryLabels = {0, 1};
        int before = manager.getManagedArrays().size();

        KnnResult sharp = new KnnEvaluator(3, 0.07, 1).evaluate(memory, memLabels, queries, queryLabels, 2);
        assertEquals(1.0, sharp.top1(), 0.0);
        assertEquals(2, sharp.numQueries());
        assertFalse(sharp.hasTop5(), "2 classes: no top-5");
        KnnResult flat = new KnnEvaluator(3, 1.0, 256).evaluate(memory, memLabels, queries, queryLabels, 2);
        assertEquals(0.5, flat.top1(), 0.0);
        KnnResult nearest = new KnnEvaluator(1, 1.0, 256).evaluate(memory, memLabels, queries, queryLabels, 2);
        assertEquals(1.0, nearest.top1(), 0.0);

        assertArrayEquals(new float[] {2, 0, 0, 1}, queries.toFloatArray(), "inputs are not normalised in place");
        assertArrayEquals(new float[] {3, 0, 1.2f, 1.6f, 0.6f, -0.8f, -1, -0.1f}, memory.toFloatArray());
        assertEquals(before, manager.getManagedArrays().size(), "no temporaries left on the caller's manager");
    }

    /**
     * Six classes, one memory sample each at angle 30°·c; a query at 0° ranks the classes 0..5 by
     * vote (all six vote, k = 6). Labels 0 (top-1 hit), 4 (5th: top-5 hit only), 5 (6th: miss).
     */
    @Test
    void topFiveCountsLabelsAmongTheFiveBestVotedClasses() {
        float[] mem = new float[12];
        for (int c = 0; c < 6; c++) {
            mem[2 * c] = (float) Math.cos(Math.toRadians(30 * c));
            mem[2 * c + 1] = (float) Math.sin(Math.toRadians(30 * c));
        }
        NDArray memory = manager.create(mem, new Shape(6, 2));
        NDArray queries = manager.create(new float[] {1, 0, 1, 0, 1, 0}, new Shape(3, 2));
        NDArray memLabels = manager.create(new long[] {0, 1, 2, 3, 4, 5});
        NDArray queryLabels = manager.create(new long[] {0, 4, 5});
        KnnResult r = new KnnEvaluator(20, 0.07, 2).evaluate(memory, memLabels, queries, queryLabels, 6);
        assertEquals(6, r.k(), "k clamps to the memory size");
        assertEquals(1.0 / 3, r.top1(), 1e-12);
        assertEquals(2.0 / 3, r.top5(), 1e-12);
        assertTrue(r.hasTop5());
    }

    @Test
    void rejectsBadInput() {
        KnnEvaluator knn = new KnnEvaluator();
        NDArray mem = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
        NDArray q3 = manager.create(new float[] {1, 0, 0}, new Shape(1, 3));
        NDArray q2 = manager.create(new float[] {1, 0}, new Shape(1, 2));
        assertThrows(IllegalArgumentException.class, () -> knn.evaluate(mem, new int[] {0, 1}, q3, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> knn.evaluate(mem, new int[] {0}, q2, new int[] {0}, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> knn.evaluate(mem, new int[] {0, 2}, q2, new int[] {0}, 2));
        assertTrue(e.getMessage().contains("[0, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KnnEvaluator(0, 0.07, 8));
        assertThrows(IllegalArgumentException.class, () -> new KnnEvaluator(5, 0, 8));
    }
}
