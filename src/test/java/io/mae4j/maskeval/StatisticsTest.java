package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Percentile bootstrap intervals and the exact McNemar test on hand cases. */
class StatisticsTest {

    @Test
    void allCorrectGivesOneOne() {
        PercentileBootstrap.Interval i = new PercentileBootstrap(1000, 0).mean(new double[] {1, 1, 1, 1, 1});
        assertEquals(1.0, i.low());
        assertEquals(1.0, i.high());
        PercentileBootstrap.Interval same = new PercentileBootstrap(1000, 0).paired(new double[] {1, 0, 1}, new double[] {1, 0, 1});
        assertEquals(0.0, same.low());
        assertEquals(0.0, same.high());
    }

    @Test
    void sevenOfTwentyMatchesTheBinomialQuantiles() {
        // 7 of 20 correct: a resampled accuracy is Binomial(20, 0.35) / 20 exactly, so the percentile
        // interval converges to its 2.5% and 97.5% quantiles (3/20 and 11/20; the CDF is 0.0121 / 0.0444
        // at 2 / 3 and 0.9468 / 0.9804 at 10 / 11, far from the cut points)
        double[] v = new double[20];
        for (int i = 0; i < 7; i++) {
            v[i] = 1;
        }
        BinomialDistribution ref = new BinomialDistribution(null, 20, 0.35);
        PercentileBootstrap.Interval i = new PercentileBootstrap(20000, 42).mean(v);
        assertEquals(ref.inverseCumulativeProbability(0.025) / 20.0, i.low(), 1e-12);
        assertEquals(ref.inverseCumulativeProbability(0.975) / 20.0, i.high(), 1e-12);
        assertEquals(0.15, i.low(), 1e-12);
        assertEquals(0.55, i.high(), 1e-12);
        assertEquals(i, new PercentileBootstrap(20000, 42).mean(v), "seeded: reproducible");
    }

    @Test
    void nearestRankQuantile() {
        double[] sorted = new double[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
        }
        assertEquals(24.0, PercentileBootstrap.quantile(sorted, 0.025)); // the 25th smallest
        assertEquals(974.0, PercentileBootstrap.quantile(sorted, 0.975)); // the 975th smallest
        assertEquals(0.0, PercentileBootstrap.quantile(new double[] {0, 1}, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new PercentileBootstrap(0, 0));
    }

    @Test
    void mcNemarExactOnHandTables() {
        // b = 5, c = 1: p = 2 · P(X ≤ 1 | n = 6) = 2 · (1 + 6) / 64 = 0.21875
        assertEquals(0.21875, McNemar.of(5, 1).pValue(), 1e-12);
        assertEquals(0.21875, McNemar.of(1, 5).pValue(), 1e-12);
        // b = 0, c = 10: 2 / 1024
        assertEquals(2.0 / 1024, McNemar.of(0, 10).pValue(), 1e-12);
        // far tail: 2 · Σ_{k≤5} C(80, k) / 2^80 (exact integers) = 4.2528659e-17, not rounded to 0
        assertEquals(4.252865905071769e-17, McNemar.of(75, 5).pValue(), 1e-26);
        // balanced or empty: 1
        assertEquals(1.0, McNemar.of(3, 3).pValue(), 1e-12);
        assertEquals(1.0, McNemar.of(0, 0).pValue());
        boolean[] before = {true, true, true, false, false, true};
        boolean[] after = {false, true, false, true, false, false};
        McNemar t = McNemar.of(before, after);
        assertEquals(3, t.lost());
        assertEquals(1, t.gained());
        assertEquals(2 * 5.0 / 16, t.pValue(), 1e-12); // 2 · (1 + 4) / 16
        assertThrows(IllegalArgumentException.class, () -> McNemar.of(-1, 2));
    }
}
