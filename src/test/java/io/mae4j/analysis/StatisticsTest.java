package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spreads, the paired Wilcoxon test against published / scipy values, and trend lines. */
class StatisticsTest {

    @Test
    void spreadByHand() {
        // 1, 2, 3, NaN: mean 2, sd 1, t(0.975, 2) = 4.302653: half-width 4.302653 / sqrt(3)
        Spread s = Spread.of(new double[] {1, 2, 3, Double.NaN});
        assertEquals(3, s.n());
        assertEquals(1, s.excluded());
        assertEquals(2, s.mean(), 1e-12);
        assertEquals(1, s.std(), 1e-12);
        assertEquals(2 - 4.302652729911275 / Math.sqrt(3), s.ciLow(), 1e-9);
        assertEquals(2 + 4.302652729911275 / Math.sqrt(3), s.ciHigh(), 1e-9);
        Spread c = s.complement();
        assertEquals(-1, c.mean(), 1e-12);
        assertEquals(1 - s.ciHigh(), c.ciLow(), 1e-12);
        Spread one = Spread.of(new double[] {0.5});
        assertEquals(0, one.std());
        assertEquals(0.5, one.ciLow());
        assertTrue(Double.isNaN(Spread.of(new double[] {Double.NaN}).mean()));
    }

    @Test
    void wilcoxonExactMatchesRsPairedExample() {
        // R: wilcox.test(x, y, paired = TRUE): V = 40, p = 0.03906 (two-sided; 10 of 512 sign patterns each side)
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        WilcoxonResult r = PairedWilcoxon.test(x, y);
        assertEquals(9, r.n());
        assertEquals(40, r.wPlus());
        assertEquals(5, r.wMinus());
        assertTrue(r.exact());
        assertEquals(20.0 / 512, r.pValue(), 1e-12);
        assertEquals(35.0 / 45, r.rankBiserial(), 1e-12);
        WilcoxonResult swapped = PairedWilcoxon.test(y, x);
        assertEquals(-35.0 / 45, swapped.rankBiserial(), 1e-12);
        assertEquals(r.pValue(), swapped.pValue(), 1e-12);
    }

    @Test
    void wilcoxonExactMatchesScipyAndCommonsMath() {
        // scipy 1.17 wilcoxon(d, method="exact"), d_i = ±(i+1), minus when i % 4 == 0, n = 30
        double[] d = new double[30];
        for (int i = 0; i < 30; i++) {
            d[i] = (i + 1) * (i % 4 == 0 ? -1 : 1);
        }
        WilcoxonResult r = PairedWilcoxon.test(d, new double[30]);
        assertTrue(r.exact());
        assertEquals(120, r.wMinus());
        assertEquals(0.019660815596580505, r.pValue(), 1e-15);
        // 32 probe images, all positive: 2 / 2^32
        double[] pos = new double[32];
        for (int i = 0; i < 32; i++) {
            pos[i] = i + 1;
        }
        assertEquals(4.656612873077393e-10, PairedWilcoxon.test(pos, new double[32]).pValue(), 1e-22);
        // the dynamic programme equals Commons Math's enumeration
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[14];
            double[] y = new double[14];
            for (int i = 0; i < 14; i++) {
                x[i] = rng.nextGaussian() + 0.3;
                y[i] = rng.nextGaussian();
            }
            double cm = new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest()
                    .wilcoxonSignedRankTest(x, y, true);
            assertEquals(Math.min(1, cm), PairedWilcoxon.test(x, y).pValue(), 1e-12);
        }
    }

    @Test
    void wilcoxonNormalApproximationMatchesScipy() {
        // scipy 1.17 wilcoxon(d, method="approx", correction=True), d_i = ±(i+1), minus when i % 4 == 0, n = 51
        double[] d = new double[51];
        for (int i = 0; i < 51; i++) {
            d[i] = (i + 1) * (i % 4 == 0 ? -1 : 1);
        }
        WilcoxonResult r = PairedWilcoxon.test(d, new double[51]);
        assertFalse(r.exact(), "n > 50");
        assertEquals(325, r.wMinus());
        assertEquals(0.0015586021802853137, r.pValue(), 1e-12);
        // with ties: scipy gives p = 9.848340641137672e-05
        double[] tied = {1, 1, 2, 2, 2, 3, -1, 4, 5, -2, 6, 7, 8, 9, -3, 10, 11, 12, 13, 14, 15, 16, 17, 18, -4, 19, 20};
        WilcoxonResult t = PairedWilcoxon.test(tied, new double[tied.length]);
        assertFalse(t.exact(), "ties force the normal approximation");
        assertEquals(26.5, t.wMinus(), 1e-12);
        assertEquals(9.848340641137672e-05, t.pValue(), 1e-12);
    }

    @Test
    void wilcoxonDropsZerosAndNaNs() {
        WilcoxonResult r = PairedWilcoxon.test(new double[] {1, 2, 3, 4, 5, 7, Double.NaN},
                new double[] {0, 0, 0, 0, 0, 7, 1});
        assertEquals(5, r.n());
        assertEquals(1, r.zeros());
        assertEquals(0.0625, r.pValue(), 1e-12); // all five positive: 2 / 32
        assertEquals(1.0, r.rankBiserial());
        WilcoxonResult none = PairedWilcoxon.test(new double[] {1, Double.NaN}, new double[] {1, 2});
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.pValue()));
        assertThrows(IllegalArgumentException.class, () -> PairedWilcoxon.test(new double[1], new double[2]));
    }

    @Test
    void trendLineRecoversAPolynomial() {
        double[] y = new double[8];
        for (int i = 0; i < y.length; i++) {
            double x = i + 1;
            y[i] = 0.5 - 0.2 * x + 0.03 * x * x;
        }
        TrendLine fit = TrendLine.fit(y, 2);
        assertArrayEquals(new double[] {0.5, -0.2, 0.03}, fit.coefficients(), 1e-9);
        assertEquals(0.5 - 0.2 * 10 + 0.03 * 100, fit.at(10), 1e-9);
        y[3] = Double.NaN;
        assertArrayEquals(new double[] {0.5, -0.2, 0.03}, TrendLine.fit(y, 2).coefficients(), 1e-9);
        assertEquals(2, TrendLine.fit(new double[] {1, 3}, 3).coefficients().length, "degree lowered to 1");
        assertNull(TrendLine.fit(new double[] {Double.NaN}, 3));
    }
}
