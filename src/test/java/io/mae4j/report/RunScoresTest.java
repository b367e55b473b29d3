package io.mae4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.mae4j.analysis.Spread;

import io.mae4j.run.EpochStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Convergence epoch, AUC and best accuracy on curves worked by hand. */
class RunScoresTest {

    static final double E = 1e-9;

    /** Rows for epochs 1..n (metrics.csv epoch 0..n-1); acc NaN = not evaluated; loss = 1 / epoch. */
    static List<EpochStats> rows(double... acc) {
        List<EpochStats> r = new ArrayList<>();
        for (int i = 0; i < acc.length; i++) {
            r.add(new EpochStats(i, 10L * (i + 1), 1.0 / (i + 1), 1e-3, 100, acc[i], Double.NaN, 1));
        }
        return r;
    }

    @Test
    void risingCurveConvergesWhenTheAverageEntersTheBand() {
        // a = .1 .4 .7 .7 .7 .7 ; s = .1 .25 .4 .6 .7 .7 ; best s = .7, band >= .69 -> s from epoch 5 on
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] a = {0.1, 0.4, 0.7, 0.7, 0.7, 0.7};
        assertArrayEquals(new double[] {0.1, 0.25, 0.4, 0.6, 0.7, 0.7}, RunScores.smoothed(a), E);
        assertEquals(5.0, RunScores.convergenceEpoch(x, a), E);
        // trapezoids .25 + .55 + .7 + .7 + .7 = 2.9 over span 5
        assertEquals(0.58, RunScores.auc(x, a), E);
    }

    @Test
    void aCurveThatDipsOutOfTheBandConvergesOnlyAfterItsReturn() {
        // every 2 epochs: a = .2 .8 .8 .8 .5 .8 .8 .8 ; s = .2 .5 .6 .8 .7 .7 .7 .8
        // s enters the band (>= .79) at epoch 8, leaves it at 10, is back only at 16
        double[] x = {2, 4, 6, 8, 10, 12, 14, 16};
        double[] a = {0.2, 0.8, 0.8, 0.8, 0.5, 0.8, 0.8, 0.8};
        assertArrayEquals(new double[] {0.2, 0.5, 0.6, 0.8, 0.7, 0.7, 0.7, 0.8}, RunScores.smoothed(a), E);
        assertEquals(16.0, RunScores.convergenceEpoch(x, a), E);
        // width-2 trapezoids: 1.0 + 1.6 + 1.6 + 1.3 + 1.3 + 1.6 + 1.6 = 10 over span 14
        assertEquals(10.0 / 14.0, RunScores.auc(x, a), E);
    }

    @Test
    void aRunThatEndsBelowTheBandDidNotConverge() {
        // s = .5 .7 .7667 .9 .7 : the last point is out of the band
        assertTrue(Double.isNaN(RunScores.convergenceEpoch(new double[] {1, 2, 3, 4, 5},
                new double[] {0.5, 0.9, 0.9, 0.9, 0.3})));
    }

    @Test
    void singleEvaluation() {
        assertEquals(3.0, RunScores.convergenceEpoch(new double[] {3}, new double[] {0.42}), E);
        assertEquals(0.42, RunScores.auc(new double[] {3}, new double[] {0.42}), E);
    }

    @Test
    void scoresOfMetricsRowsSkipEpochsWithoutEvaluation() {
        // evaluated at epochs 2, 4, 6 (csv epochs 1, 3, 5): .3 .6 .6 ; s = .3 .45 .5 -> best .5, band >= .49
        RunScores s = RunScores.of(rows(Double.NaN, 0.3, Double.NaN, 0.6, Double.NaN, 0.6));
        assertEquals(0.6, s.bestTop1(), E);
        assertEquals(6.0, s.convergenceEpoch(), E);
        assertEquals(((0.3 + 0.6) + (0.6 + 0.6)) / 4.0, s.auc(), E); // widths 2: (.9 + 1.2) / span 4
        assertEquals(1.0 / 6, s.finalLoss(), E);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunScores.of(rows(Double.NaN, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> RunScores.auc(new double[] {1, 1}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> RunScores.auc(new double[] {1}, new double[] {0, 1}));
    }

    @Test
    void statIsTheSampleSdOfTheDefinedValues() {
        Spread s = Spread.of(List.of(1.0, 2.0, 3.0, Double.NaN));
        assertEquals(2.0, s.mean(), E);
        assertEquals(1.0, s.std(), E);
        assertEquals(3, s.n());
        assertEquals("2.00 ± 1.00", s.format("%.2f"));
        assertEquals(0.0, Spread.of(List.of(5.0)).std(), E);
        assertEquals("n/a", Spread.of(List.of(Double.NaN)).format("%.2f"));
    }
}
