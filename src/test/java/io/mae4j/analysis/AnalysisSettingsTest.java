package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.mae4j.config.ConfigComposer;
import io.mae4j.config.ConfigException;
import io.mae4j.sift.SiftSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis section of configs/defaults.conf read into typed settings, and its checks. */
class AnalysisSettingsTest {

    static Config analysis(String... args) {
        return ConfigComposer.locate().compose(List.of(args)).config().getConfig("analysis");
    }

    @Test
    void defaultsMatchTheSchemaAndOpenCv() {
        AnalysisSettings s = AnalysisSettings.from(analysis());
        assertEquals(1.0, s.gamma());
        assertTrue(s.includeSelf());
        assertEquals(ClsHandling.RENORMALISE, s.clsHandling());
        assertTrue(s.weighted());
        assertArrayEquals(new boolean[] {true, true, true}, s.thetaBarLayers(3));
        assertEquals(SiftSettings.OPENCV_DEFAULTS, s.sift());
        assertEquals(32, s.numImages());
        assertEquals(AnalysisSettings.defaults().gamma(), s.gamma());
        assertEquals(AnalysisSettings.defaults().batchSize(), s.batchSize());
        assertEquals(AnalysisSettings.defaults().every(), s.every());
    }

    @Test
    void overridesReachTheSettings() {
        AnalysisSettings s = AnalysisSettings.from(analysis("analysis.layers=[1,3]", "analysis.gamma=1.5",
                "analysis.cls_handling=keep", "analysis.include_self=false", "analysis.weighted=false",
                "analysis.sift.nfeatures=100", "analysis.every=2"));
        assertArrayEquals(new boolean[] {true, false, true, false}, s.thetaBarLayers(4));
        assertEquals(1.5, s.gamma());
        assertEquals(ClsHandling.KEEP, s.clsHandling());
        assertFalse(s.includeSelf());
        assertFalse(s.weighted());
        assertEquals(100, s.sift().nfeatures());
        // every = 2 over 5 epochs: after epochs 2 and 4, and after the last one (0-based 1, 3, 4)
        assertFalse(s.due(0, 5));
        assertTrue(s.due(1, 5));
        assertFalse(s.due(2, 5));
        assertTrue(s.due(3, 5));
        assertTrue(s.due(4, 5));
    }

    @Test
    void badValuesAreRejectedWithTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> analysis("analysis.cls_handling=renormalize2"));
        assertTrue(e.getMessage().contains("analysis.cls_handling"), e.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> AnalysisSettings.from(analysis("analysis.gamma=0")));
        assertTrue(g.getMessage().contains("analysis.gamma"));
        assertThrows(IllegalArgumentException.class, () -> AnalysisSettings.from(analysis("analysis.layers=[0]")));
        assertThrows(IllegalArgumentException.class, () -> AnalysisSettings.from(analysis("analysis.stage_min_layers=1")));
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> AnalysisSettings.from(analysis("analysis.layers=[13]")).thetaBarLayers(12));
        assertTrue(deep.getMessage().contains("13"));
        assertThrows(IllegalArgumentException.class, () -> ClsHandling.parse("drop"));
    }
}
