package io.mae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The difference test on hand tables; reference p-values from scipy.stats.ttest_ind(equal_var=False). */
class GroupDifferenceTest {

    @Test
    void overlappingSeedsAreNoDifferenceBeyondNoise() {
        // the numbers: guided vs random best k-NN 0.653 vs 0.658 in spirit
        GroupDifference d = GroupDifference.of("best k-NN top-1", "guided", new double[] {0.653, 0.661, 0.648},
                "random", new double[] {0.658, 0.672, 0.644});
        assertEquals(-0.44814821218396267, d.welchT(), 1e-9);
        assertEquals(0.6860408925120021, d.welchP(), 1e-6);
        // 3 vs 3: 20 splits; the observed |difference| 0.004 is matched or exceeded by most of them
        assertEquals(0.1, d.minPermutationP(), 1e-12);
        assertTrue(d.permutationP() > 0.5, "p = " + d.permutationP());
        assertFalse(d.significant());
        assertTrue(d.sentence().contains("no difference beyond noise"), d.sentence());
        assertTrue(d.sentence().contains("n = 3 vs 3") && d.sentence().contains("cannot go below p = 0.100"),
                d.sentence());
    }

    @Test
    void separatedGroupsDiffer() {
        GroupDifference d = GroupDifference.of("AUC", "a", new double[] {0.30, 0.32, 0.31}, "b",
                new double[] {0.40, 0.41, 0.43});
        assertEquals(-9.803060746521979, d.welchT(), 1e-9);
        assertEquals(0.00122715135372958, d.welchP(), 1e-7);
        // the observed split and its mirror are the two most extreme of 20: p = 2/20
        assertEquals(0.1, d.permutationP(), 1e-12);
        // Cohen's d: sd a = 0.01, sd b = 0.01528; pooled sqrt((2e-4 + 4.667e-4)/4) = 0.012910; diff −0.10333
        assertEquals(-0.103333 / 0.0129099, d.cohensD(), 1e-3);
        assertTrue(d.significant());
        assertTrue(d.sentence().contains("difference beyond noise (a < b)"), d.sentence());
    }

    @Test
    void unequalSizesExactPermutation() {
        double[] a = {19.1, 20.3, 21.0, 18.7};
        double[] b = {22.4, 23.1, 21.9, 24.0, 22.8};
        GroupDifference d = GroupDifference.of("x", "a", a, "b", b);
        assertEquals(-4.804974433067785, d.welchT(), 1e-9);
        assertEquals(0.0038914359138099183, d.welchP(), 1e-7);
        // C(9,4) = 126 splits; only the observed one (a = the four lowest) reaches |diff| 3.065:
        // the four highest give 23.075 − 20.2 = 2.875
        assertEquals(1 / 126.0, d.permutationP(), 1e-12);
        assertEquals(1 / 126.0, d.minPermutationP(), 1e-12);
        assertTrue(d.sentence().endsWith(".") && !d.sentence().contains("cannot go below"), d.sentence());
    }

    @Test
    void identicalConstantGroupsAndTooFewRuns() {
        GroupDifference d = GroupDifference.of("x", "a", new double[] {0.5, 0.5}, "b", new double[] {0.5, 0.5});
        assertEquals(1.0, d.welchP());
        assertEquals(1.0, d.permutationP());
        assertTrue(d.sentence().contains("no difference beyond noise"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GroupDifference.of("x", "a", new double[] {0.5}, "b", new double[] {0.4, 0.6}));
        assertTrue(e.getMessage().contains("≥ 2 runs"), e.getMessage());
    }
}
