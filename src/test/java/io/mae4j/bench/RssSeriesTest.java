package io.mae4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pins the memory-growth figure on hand-made RSS series. */
class RssSeriesTest {

    /**
     * N = 100 steps, a sample every 5: warm-up climbs 100 → 400 MiB, plateau window [10, 20] holds
     * steps 10, 15, 20 = 400, 410, 405 (median 405), end window (90, 100] holds 95, 100 = 420, 430
     * (median 425): growth 100 · 20 / 405 = 4.938 %.
     */
    @Test
    void growthIsEndMedianOverPlateauMedian() {
        RssSeries s = new RssSeries(100);
        s.add(1, 100);
        s.add(5, 300);
        s.add(10, 400);
        s.add(15, 410);
        s.add(20, 405);
        for (int step = 25; step <= 90; step += 5) {
            s.add(step, 500); // the middle is ignored, however high
        }
        s.add(95, 420);
        s.add(100, 430);
        assertEquals(405, s.plateau(), 1e-9);
        assertEquals(425, s.end(), 1e-9);
        assertEquals(100.0 * 20 / 405, s.growthPercent(), 1e-9);
        assertEquals(100, s.first(), 1e-9);
        assertEquals(430, s.last(), 1e-9);
        assertEquals(500, s.max(), 1e-9);
        assertEquals(21, s.size());
    }

    @Test
    void flatMemoryGrowsZeroAndShrinkingIsNegative() {
        RssSeries flat = new RssSeries(1000);
        RssSeries shrink = new RssSeries(1000);
        for (int step = 10; step <= 1000; step += 10) {
            flat.add(step, 600);
            shrink.add(step, step <= 200 ? 600 : 570);
        }
        assertEquals(0, flat.growthPercent(), 1e-12);
        assertEquals(-5, shrink.growthPercent(), 1e-9);
    }

    @Test
    void csvHasOneLinePerSample() {
        RssSeries s = new RssSeries(10);
        s.add(1, 100.04);
        s.add(10, 101.25);
        assertEquals("step,rss_mib\n1,100.0\n10,101.3\n", s.toCsv());
        assertTrue(s.toJson().containsKey("growth_percent"));
    }

    @Test
    void tooShortARunIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RssSeries(9));
        assertTrue(e.getMessage().contains("steps=9"), e.getMessage());
    }
}
