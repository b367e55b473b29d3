package io.mae4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage-emergence picture's data: layers × epochs matrices and per-epoch boundaries. */
class StageEmergenceTest {

    @TempDir
    Path tmp;

    @Test
    void matricesAreLayersByEpochsInEpochOrder() throws Exception {
        List<StageEmergence.Point> points = List.of( // given out of order
                new StageEmergence.Point(10, new double[] {0.1, 0.2, 0.3}, new double[] {3, 2, 1}, 2, 3),
                new StageEmergence.Point(5, new double[] {0.0, Double.NaN, 0.5}, new double[] {4, 4, 4}, 0, 0));
        StageEmergence.Matrices m = StageEmergence.of(points);
        assertArrayEquals(new int[] {5, 10}, m.epochs());
        assertEquals(3, m.layers());
        assertArrayEquals(new double[] {0.0, 0.1}, m.gap()[0], 0);
        assertTrue(Double.isNaN(m.gap()[1][0]));
        assertEquals(0.2, m.gap()[1][1], 0);
        assertArrayEquals(new double[] {0.5, 0.3}, m.gap()[2], 0);
        assertArrayEquals(new double[] {4, 3}, m.focus()[0], 0);
        assertArrayEquals(new double[] {4, 1}, m.focus()[2], 0);
        assertArrayEquals(new int[] {0, 0}, m.breaks()[0]);
        assertArrayEquals(new int[] {2, 3}, m.breaks()[1]);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(StageEmergence.png(m)));
        assertTrue(img.getWidth() > 300 && img.getHeight() > 100);
        assertThrows(IllegalArgumentException.class, () -> StageEmergence.of(List.of(points.get(0), points.get(0))));
    }

    @Test
    void collectsTheRunsReportsByEpoch() throws Exception {
        Path a = tmp.resolve("run/analysis");
        report(a.resolve("epoch_0002"), "\"epoch\": 2, ", "[0.5, 0.25]", "[1.0, 2.0]", "null");
        report(a.resolve("epoch-0004_val"), "", "[0.75, null]", "[3.0, 4.0]", "{\"break1\": 2, \"break2\": 2}");
        report(a.resolve("last_val"), "", "[9, 9]", "[9, 9]", "null"); // no epoch: left out
        byte[] png = StageEmergence.write(tmp.resolve("run"));
        assertTrue(png != null && Files.isRegularFile(a.resolve(StageEmergence.FILE)));
        StageEmergence.Matrices m = StageEmergence.of(StageEmergence.collect(a));
        assertArrayEquals(new int[] {2, 4}, m.epochs());
        assertArrayEquals(new double[] {0.5, 0.75}, m.gap()[0], 0);
        assertTrue(Double.isNaN(m.gap()[1][1]));
        assertArrayEquals(new double[] {2.0, 4.0}, m.focus()[1], 0);
        assertArrayEquals(new int[] {2, 2}, m.breaks()[1]);
    }

    private static void report(Path dir, String epoch, String gaps, String focus, String stages) throws Exception {
        Files.createDirectories(dir);
        String[] g = gaps.substring(1, gaps.length() - 1).split(", ");
        String[] f = focus.substring(1, focus.length() - 1).split(", ");
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < g.length; i++) {
            layers.append(i == 0 ? "" : ", ").append("{\"layer\": ").append(i + 1).append(", \"gap\": ").append(g[i])
                    .append(", \"focus\": {\"mean\": ").append(f[i]).append("}}");
        }
        Files.writeString(dir.resolve("report.json"), "{" + epoch + "\"per_layer\": [" + layers + "], \"stages\": "
                + stages + "}");
    }
}
