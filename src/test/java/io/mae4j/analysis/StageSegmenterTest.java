package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Two breakpoints by least squares on both standardised series, on series with known stages. */
class StageSegmenterTest {

    /**
     * 12 layers shaped like the paper: Retrieval 1-4 (gap flat 0.05, focus flat 5.0), Capture 5-9
     * (gap 0.10 → 0.50, focus 4.5 → 2.5), Coach 10-12 (gap 0.47 → 0.43, focus 2.8 → 3.2). Each
     * stage is exactly linear and each jumps off its neighbour's line, so the true breakpoints give
     * zero error and no other split does.
     */
    static final double[] GAP = {0.05, 0.05, 0.05, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.47, 0.45, 0.43};
    static final double[] FOCUS = {5.0, 5.0, 5.0, 5.0, 4.5, 4.0, 3.5, 3.0, 2.5, 2.8, 3.0, 3.2};

    static double[] kk() {
        double[] kk = new double[GAP.length];
        for (int i = 0; i < kk.length; i++) {
            kk[i] = 0.3 + GAP[i];
        }
        return kk;
    }

    static double[] nk() {
        double[] nk = new double[GAP.length];
        java.util.Arrays.fill(nk, 0.3);
        return nk;
    }

    @Test
    void findsKnownBreakpointsAndThePaperSignature() {
        StageSegmentation s = StageSegmenter.segment(GAP, FOCUS, kk(), nk(), 2);
        assertEquals(5, s.break1());
        assertEquals(10, s.break2());
        assertEquals(0, s.sse(), 1e-20);
        Stage r = s.stages().get(0);
        Stage c = s.stages().get(1);
        Stage k = s.stages().get(2);
        assertEquals("Retrieval", r.name());
        assertEquals(1, r.firstLayer());
        assertEquals(4, r.lastLayer());
        assertEquals(0.05, r.meanGap(), 1e-12);
        assertEquals(0, r.gapSlope(), 1e-12);
        assertEquals(5.0, r.meanFocus(), 1e-12);
        assertEquals("Capture", c.name());
        assertEquals(0.10, c.gapSlope(), 1e-12);
        assertEquals(-0.5, c.focusSlope(), 1e-12);
        assertEquals(0.30, c.meanGap(), 1e-12);
        assertEquals(7, c.middleLayer());
        assertEquals("Coach", k.name());
        assertEquals(12, k.lastLayer());
        assertEquals(-0.02, k.gapSlope(), 1e-12);
        assertEquals(0.2, k.focusSlope(), 1e-12);
        assertEquals(0.75, k.meanKK(), 1e-12);
        assertEquals(0.3, k.meanNK(), 1e-12);
        assertTrue(s.signatureHolds(), s.signature().toString());
        assertEquals(6, s.signature().size());
        assertEquals("Capture", s.stageOf(9).name());
    }

    @Test
    void robustToSmallNoise() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] g = GAP.clone();
        double[] f = FOCUS.clone();
        for (int i = 0; i < g.length; i++) {
            g[i] += 0.003 * rng.nextGaussian();
            f[i] += 0.03 * rng.nextGaussian();
        }
        StageSegmentation s = StageSegmenter.segment(g, f, kk(), nk(), 2);
        assertEquals(5, s.break1());
        assertEquals(10, s.break2());
    }

    @Test
    void reportsWhichCriteriaFail() {
        double[] gap = new double[GAP.length];
        double[] focus = new double[GAP.length];
        for (int i = 0; i < gap.length; i++) { // the reverse: gap falls through the middle, focus rises
            gap[i] = GAP[GAP.length - 1 - i];
            focus[i] = FOCUS[FOCUS.length - 1 - i];
        }
        StageSegmentation s = StageSegmenter.segment(gap, focus, kk(), nk(), 2);
        assertFalse(s.signatureHolds());
        assertFalse(s.signature().get("capture_gap_rises"));
        assertFalse(s.signature().get("retrieval_low_gap"));
    }

    @Test
    void minimumStageLengthAndShortSeries() {
        double[] six = {1, 2, 3, 4, 5, 6};
        StageSegmentation s = StageSegmenter.segment(six, six, six, six, 2);
        assertEquals(3, s.break1(), "six layers, two per stage: only one split");
        assertEquals(5, s.break2());
        assertNull(StageSegmenter.segment(six, six, six, six, 3));
        assertThrows(IllegalArgumentException.class, () -> StageSegmenter.segment(six, six, six, six, 1));
        assertThrows(IllegalArgumentException.class, () -> StageSegmenter.segment(six, new double[5], six, six, 2));
    }

    @Test
    void stagesAreIdentifiableOnlyWhenTheDepthLeavesAChoice() {
        double[] six = {1, 2, 3, 4, 5, 6};
        StageSegmentation d6 = StageSegmenter.segment(six, six, six, six, 2);
        assertEquals(1, d6.candidates());
        assertFalse(d6.identifiable());
        assertEquals("stages not identifiable at depth 6 (stage_min_layers leaves the single split 1-2|3-4|5-6)",
                d6.notIdentifiable());
        StageSegmentation d12 = StageSegmenter.segment(GAP, FOCUS, kk(), nk(), 2);
        assertEquals(28, d12.candidates()); // b1 = 2..8, b2 = b1 + 2..10: 7 + 6 + ... + 1
        assertTrue(d12.identifiable());
        assertNull(d12.notIdentifiable());
        assertEquals(1, StageSegmenter.segment(GAP, FOCUS, kk(), nk(), 4).candidates()); // 12 = 3 x 4
    }

    @Test
    void standardisesWithPopulationSdAndConstantToZero() {
        double[] z = StageSegmenter.standardise(new double[] {1, 3, Double.NaN});
        assertEquals(-1, z[0], 1e-12);
        assertEquals(1, z[1], 1e-12);
        assertTrue(Double.isNaN(z[2]));
        double[] c = StageSegmenter.standardise(new double[] {2, 2, 2});
        assertEquals(0, c[0]);
    }
}
