package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.eval.EvalSettings;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

    private static TrainSettings with(int batch, int accum, double blr, double lr) {
        return new TrainSettings(10, batch, accum, blr, lr, 0, 0.05, 1, 0, 0.9, 0.95, 10, 1, 2, false);
    }

    @Test
    void peakLrFollowsTheLinearScalingRule() {
        // official MAE: lr = blr * eff_batch / 256, eff_batch = batch_size * accum_iter
        assertEquals(1.5e-4 * 512 / 256, with(64, 8, 1.5e-4, 0).peakLr(), 1e-15);
        assertEquals(512, with(64, 8, 1.5e-4, 0).effectiveBatch());
        assertEquals(3e-3, with(64, 8, 1.5e-4, 3e-3).peakLr(), 1e-15);
    }

    @Test
    void invalidValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(0, 1, 1e-4, 0));
        assertTrue(e.getMessage().contains("train.batch_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> with(8, 0, 1e-4, 0));
        assertTrue(e.getMessage().contains("train.accum_iter"), e.getMessage());
    }

    @Test
    void evalIsDueEveryNEpochsAndAtTheEnd() {
        EvalSettings es = new EvalSettings(3, 20, 0.07, 64, 0, 0, "cls");
        assertFalse(es.due(0, 10));
        assertTrue(es.due(2, 10));
        assertTrue(es.due(9, 10));
        assertFalse(new EvalSettings(0, 20, 0.07, 64, 0, 0, "cls").due(9, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvalSettings(1, 20, 0.07, 64, 0, 0, "avg"));
    }
}
