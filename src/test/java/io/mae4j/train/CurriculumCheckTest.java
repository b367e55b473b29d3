package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.cache.BetaFeasibility;
import io.mae4j.mask.BetaSchedule;
import org.junit.jupiter.api.Test;

/** The start-of-training check of a β schedule against the keypoint patches a cache holds. */
class CurriculumCheckTest {

    /** N = 64, M = 32; β_max per image 0.25, 1.0, 0.25. */
    private static final BetaFeasibility HAND = new BetaFeasibility(64, 32, new int[] {3, 50, 9},
            new int[][] {{0, 16}, {32, 64}, {8, 8}});

    @Test
    void aScheduleBeyondWhatTheImagesSupportWarns() {
        // 0.1, 0.2, 0.3, 0.4, 0.5, 0.5: peak 0.5, supported by 1 image of 3
        CurriculumCheck c = CurriculumCheck.of(HAND, new BetaSchedule(BetaSchedule.Kind.STEP, 0.1, 0.5, 0.1, 1, 40), 6,
                0.9);
        assertEquals(0.5, c.peakBeta(), 1e-12);
        assertEquals(1.0 / 3, c.share(), 1e-12);
        assertEquals(0.25, c.supportedBeta(), 1e-12);
        assertEquals((0.1 + 0.2 + 0.3 + 0.4 + 0.5 + 0.5) / 6, c.meanBeta(), 1e-12);
        double eff = (HAND.expectedEffective(0.1) + HAND.expectedEffective(0.2) + HAND.expectedEffective(0.3)
                + HAND.expectedEffective(0.4) + 2 * HAND.expectedEffective(0.5)) / 6;
        assertEquals(eff, c.meanExpectedEffective(), 1e-12);
        assertTrue(c.infeasible());
        assertTrue(c.warning().startsWith("WARNING"), c.warning());
        assertTrue(c.warning().contains("peak beta 0.50") && c.warning().contains("only 33%"), c.warning());
    }

    @Test
    void aScheduleWithinWhatTheImagesSupportIsQuiet() {
        CurriculumCheck c = CurriculumCheck.of(HAND, BetaSchedule.constant(0.25), 4, 0.9);
        assertFalse(c.infeasible());
        assertEquals("", c.warning());
        assertTrue(c.line().contains("peak beta 0.25, supported by 100%"), c.line());
    }
}
