package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.config.ConfigComposer;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TensorBoardSettingsTest {

    private static TensorBoardSettings settings(int imagesEvery, int histogramsEvery) {
        return new TensorBoardSettings(true, 1, imagesEvery, 8, histogramsEvery, 30, 10, List.of());
    }

    @Test
    void defaultsComposeAndAreValid() {
        Config c = ConfigComposer.locate().compose(List.of()).config();
        TensorBoardSettings s = TensorBoardSettings.from(c.getConfig("tensorboard"));
        assertTrue(s.enabled());
        assertEquals(8, s.numImages());
        Map<String, Object> hp = TensorBoardMonitor.hparams(c, s.hparams());
        assertEquals(0.75, hp.get("mask.mask_ratio"));
        assertEquals(false, hp.get("model.norm_pix_loss"));
        assertEquals("random", hp.get("mask.name"));
    }

    @Test
    void epochScheduleIncludesTheLastEpoch() {
        TensorBoardSettings s = settings(2, 0);
        // 5 epochs, every 2: after epochs 2 and 4 (1-based), and after the last (5)
        assertEquals(List.of(1, 3, 4), IntStream.range(0, 5).filter(e -> s.imagesDue(e, 5)).boxed().toList());
        assertFalse(IntStream.range(0, 5).anyMatch(e -> s.histogramsDue(e, 5))); // 0 = never
    }

    @Test
    void invalidValuesNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorBoardSettings(true, 0, 1, 8, 1, 30, 10, List.of()));
        assertTrue(e.getMessage().contains("tensorboard.log_every"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TensorBoardSettings(true, 1, -1, 8, 1, 30, 10, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TensorBoardSettings(true, 1, 1, 8, 1, 30, 0, List.of()));
    }

    @Test
    void hparamsAreReadFromFullKeys() {
        Config c = ConfigFactory.parseString("a { b = 2, s = x, l = [1, 2] }");
        Map<String, Object> hp = TensorBoardMonitor.hparams(c, List.of("a.b", "a.s", "a.l"));
        assertEquals(2, hp.get("a.b"));
        assertEquals("x", hp.get("a.s"));
        assertEquals("[1, 2]", hp.get("a.l")); // lists as text
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorBoardMonitor.hparams(c, List.of("mask_ratio")));
        assertTrue(e.getMessage().contains("tensorboard.hparams") && e.getMessage().contains("mask_ratio"));
    }

    @Test
    void perIterationStepIsTheOfficialEpoch1000x() {
        assertEquals(2750, stats(2, 3, 4).epoch1000x()); // int((3/4 + 2) · 1000)
        assertEquals(0, stats(0, 0, 10).epoch1000x());
        assertEquals(1333, stats(1, 1, 3).epoch1000x()); // truncated, not rounded
    }

    private static IterationStats stats(int epoch, int iter, int iters) {
        return new IterationStats(epoch, 0, iter, iters, 1, 1e-4, 1, 1, new float[0], 0.75, Map.of());
    }
}
