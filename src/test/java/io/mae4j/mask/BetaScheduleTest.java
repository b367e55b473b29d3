package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Pins β(e) of the three schedules (src/site/markdown/definitions.md, "Guided curriculum mask"). */
class BetaScheduleTest {

    /** The {@code mask.guided} section of configs/defaults.conf: the one place of the defaults. */
    static final Config DEFAULTS = ConfigFactory.parseFile(Path.of("configs/defaults.conf").toFile()).resolve()
            .getConfig("mask.guided");

    private static Config guided(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(DEFAULTS);
    }

    @Test
    void aMissingKeyIsNamedNotDefaulted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BetaSchedule.fromConfig(DEFAULTS.withoutPath("beta_start")));
        assertTrue(e.getMessage().startsWith("mask.guided.beta_start is missing"), e.getMessage());
    }

    @Test
    void paperStepScheduleAtEveryEpochUpToSixty() {
        BetaSchedule s = BetaSchedule.fromConfig(DEFAULTS); // configs/defaults.conf = the paper
        assertEquals(BetaSchedule.Kind.STEP, s.kind());
        for (int e = 0; e <= 60; e++) {
            double expected = e < 10 ? 0.1 : e < 20 ? 0.2 : e < 30 ? 0.3 : e < 40 ? 0.4 : 0.5;
            assertEquals(expected, s.at(e), 0.0, "epoch " + e); // exact: 0.1 + 0.1·2 is 0.3, not 0.30000000000000004
            assertEquals(expected, BetaSchedule.paper().at(e), 0.0, "epoch " + e);
        }
    }

    @Test
    void stepWithOtherSettingsIsCappedAtEnd() {
        BetaSchedule s = new BetaSchedule(BetaSchedule.Kind.STEP, 0.2, 0.45, 0.15, 3, 1);
        double[] expected = {0.2, 0.2, 0.2, 0.35, 0.35, 0.35, 0.45, 0.45, 0.45, 0.45};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.at(e), 0.0, "epoch " + e);
        }
        assertEquals(0.3, BetaSchedule.constant(0.3).at(57), 0.0);
    }

    @Test
    void linearAndCosineSpotValues() {
        BetaSchedule lin = BetaSchedule.fromConfig(guided("beta_schedule = linear, beta_epochs = 40"));
        assertEquals(0.1, lin.at(0), 0.0);
        assertEquals(0.2, lin.at(10), 0.0);
        assertEquals(0.3, lin.at(20), 0.0);
        assertEquals(0.11, lin.at(1), 0.0);
        assertEquals(0.5, lin.at(40), 0.0);
        assertEquals(0.5, lin.at(60), 0.0); // held at end afterwards
        BetaSchedule cos = BetaSchedule.fromConfig(guided("beta_schedule = COSINE, beta_epochs = 40"));
        assertEquals(0.1, cos.at(0), 0.0);
        assertEquals(0.3, cos.at(20), 1e-12); // half way
        assertEquals(0.1 + 0.4 * (1 - Math.sqrt(0.5)) / 2, cos.at(10), 1e-12); // 0.158578...
        assertEquals(0.5, cos.at(40), 0.0);
        assertEquals(0.5, cos.at(99), 0.0);
        BetaSchedule down = new BetaSchedule(BetaSchedule.Kind.LINEAR, 0.5, 0.1, 0, 1, 4);
        assertEquals(0.4, down.at(1), 1e-12); // decreasing schedules work too
    }

    @Test
    void badSettingsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BetaSchedule.fromConfig(guided("beta_schedule = stair")));
        assertTrue(e.getMessage().contains("mask.guided.beta_schedule") && e.getMessage().contains("stair"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BetaSchedule.fromConfig(guided("beta_end = 1.5")));
        assertTrue(e.getMessage().contains("mask.guided.beta_end"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BetaSchedule.fromConfig(guided("beta_every = 0")));
        assertTrue(e.getMessage().contains("mask.guided.beta_every"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BetaSchedule.fromConfig(guided("beta_start = lots")));
        assertTrue(e.getMessage().contains("mask.guided.beta_start"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BetaSchedule.paper().at(-1));
    }
}
