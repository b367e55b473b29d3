package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statistics of a hand-made run of four images. */
class MaskEvalStatsTest {

    static MaskEvalRun handRun() {
        SpuriousFinder.Finding none = new SpuriousFinder.Finding(List.of(), new int[0], 1);
        SpuriousFinder.Finding some = new SpuriousFinder.Finding(
                List.of(new SpuriousFinder.Flag(0, 0.2f, 3, new int[] {1}, new float[] {0.8f})), new int[] {1}, 2);
        MaskEvalRun.SpuriousRun s = new MaskEvalRun.SpuriousRun(List.of(some, none, some, none),
                new int[] {1, 0, 1, 0}, new int[] {0, 0, 1, 0}, List.of(),
                List.of(new SpuriousNull.ImageTest(0.1, 0.5, 0.01), new SpuriousNull.ImageTest(0.5, 0.5, 0.6),
                        new SpuriousNull.ImageTest(0.1, 0.5, 0.02), new SpuriousNull.ImageTest(0.5, 0.5, 0.7)),
                0.1, 3);
        return new MaskEvalRun(List.of("a", "b", "c", "d"), new int[] {0, 0, 1, 1}, List.of("x", "y"), 16,
                new double[] {0.25}, new int[] {4}, 2, DropMode.TOKENS,
                new int[] {0, 0, 1, 0}, // baseline: 3 of 4
                new int[][] {{0, 1, 1, 0}}, // top: 2 of 4, lost image 1
                new int[][] {{0, 0, 1, 1}}, // bottom: 4 of 4, gained image 3
                new int[][][] {{{0, 0, 1, 1}, {1, 0, 1, 0}}}, // random: 1.0 and 0.5
                List.of(), s, 1.0);
    }

    @Test
    void rowsHoldAccuraciesDifferencesAndTests() {
        MaskEvalStats st = MaskEvalStats.of(handRun(), 500, 3);
        MaskEvalStats.Row base = st.rows().get(0);
        assertEquals("baseline", base.mode());
        assertEquals(0.75, base.accuracy());
        assertNull(base.test());
        MaskEvalStats.Row top = st.mode("top").get(0);
        assertEquals(0.5, top.accuracy());
        assertEquals(-0.25, top.diff(), 1e-12);
        assertEquals(1, top.test().lost());
        assertEquals(0, top.test().gained());
        assertEquals(1.0, top.test().pValue(), 1e-12);
        MaskEvalStats.Row bottom = st.mode("bottom").get(0);
        assertEquals(1.0, bottom.accuracy());
        assertEquals(1.0, bottom.ci().low(), "all correct → [1, 1]");
        assertEquals(1, bottom.test().gained());
        MaskEvalStats.Row rnd = st.mode("random").get(0);
        assertEquals(0.75, rnd.accuracy(), 1e-12);
        assertEquals(Math.sqrt(0.125), rnd.repeatSd(), 1e-12); // sd of {1.0, 0.5}
        assertEquals(0.5, rnd.repeatMin());
        assertEquals(1.0, rnd.repeatMax());
        assertEquals(0.0, rnd.diff(), 1e-12);
        assertNull(rnd.test());
        assertEquals(4, rnd.nDrop());
    }

    @Test
    void spuriousEffectsAreOverAffectedImages() {
        MaskEvalStats.SpuriousStats s = MaskEvalStats.of(handRun(), 500, 3).spurious();
        assertEquals(4, s.images());
        assertEquals(2, s.flaggedImages());
        assertEquals(0.5, s.meanFlagged());
        assertEquals(1.5, s.meanKeypointPatches());
        assertEquals(2, s.affected());
        assertEquals(1.0, s.meanDrop());
        // images 0 and 2, both right before; drop: image 0 becomes 1 (wrong), image 2 stays
        assertEquals(0.5, s.attended().flipRate());
        assertEquals(1.0, s.attended().before());
        assertEquals(0.5, s.attended().after());
        assertEquals(-0.5, s.attended().diff());
        assertEquals(1, s.attended().test().lost());
        assertEquals(0.0, s.control().flipRate());
        assertEquals(0.0, s.control().diff());
        assertEquals(0.0, s.control().flipCi().high(), "no flip in any resample");
    }
}
