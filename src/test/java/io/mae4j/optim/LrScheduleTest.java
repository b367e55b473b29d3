package io.mae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Pins the official MAE {@code adjust_learning_rate} and the linear scaling rule. */
class LrScheduleTest {

    private final LrSchedule s = new LrSchedule(0.01, 0.001, 10, 110);

    @Test
    void linearWarmUp() {
        assertEquals(0.0, s.at(0), 1e-15);
        assertEquals(0.005, s.at(5), 1e-15);
        assertEquals(0.00025, s.at(0.25), 1e-15); // fractional epochs, stepped per iteration
        assertEquals(0.01 * 9.99 / 10, s.at(9.99), 1e-15);
    }

    @Test
    void halfCycleCosineAfterWarmUp() {
        assertEquals(0.01, s.at(10), 1e-15); // cos(0): the peak
        assertEquals(0.0055, s.at(60), 1e-15); // progress ½: minLr + (lr − minLr) / 2
        // progress ¼: 0.001 + 0.009 · ½ · (1 + cos(π/4)) = 0.001 + 0.009 · 0.8535533906
        assertEquals(0.0086819805153, s.at(35), 1e-12);
        assertEquals(0.001, s.at(110), 1e-15); // the end: minLr
    }

    @Test
    void noWarmUpStartsAtPeakAndLongWarmUpNeverDividesByZero() {
        LrSchedule noWarm = new LrSchedule(0.02, 0.0, 0, 4);
        assertEquals(0.02, noWarm.at(0), 1e-15);
        assertEquals(0.01, noWarm.at(2), 1e-15);
        LrSchedule longWarm = new LrSchedule(0.01, 0.001, 40, 2); // smoke run with the default warm-up
        assertEquals(0.00025, longWarm.at(1), 1e-15);
        assertEquals(0.001, longWarm.at(40), 1e-15);
        LrSchedule equal = new LrSchedule(0.01, 0.001, 2, 2);
        assertEquals(0.001, equal.at(2), 1e-15);
    }

    @Test
    void absoluteLrIsTheLinearScalingRule() {
        assertEquals(2.4e-3, LrSchedule.absoluteLr(1.5e-4, 4096), 1e-15); // MAE: blr 1.5e-4, batch 4096
        assertEquals(3.75e-5, LrSchedule.absoluteLr(1.5e-4, 64), 1e-18);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.absoluteLr(1.5e-4, 0));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(0.01, 0.02, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(-1, 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(0.01, 0, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(0.01, 0, 0, 0));
    }
}
