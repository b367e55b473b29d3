package io.mae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.tensorboard.RgbImage;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.junit.jupiter.api.Test;

/** The data behind the colour bars and labels of the pictures. */
class ReadablePicturesTest {

    @Test
    void attentionPanelHasAColourBarOverTheRowsRange() {
        int n = 16;
        float[] alpha = new float[n * n];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = 0.9f; // other rows: not the shown one
        }
        for (int j = 0; j < n; j++) {
            alpha[3 * n + j] = 0.01f * j + 0.02f; // row 3: 0.02 .. 0.17
        }
        HeatMapChart c = AttentionHeatmaps.grid(alpha, 3, n, "t");
        assertTrue(c.getStyler().isLegendVisible(), "the colour bar is the heat map's legend");
        assertEquals(0.02, c.getStyler().getMin(), 1e-6);
        assertEquals(0.17, c.getStyler().getMax(), 1e-6);
        // a constant row still gets a bar with a span
        double[] r = AttentionHeatmaps.range(new float[] {0.5f, 0.5f}, 0, 2);
        assertTrue(r[1] > r[0] && r[0] == 0.5);
    }

    @Test
    void labelledTableAddsMarginsAndChecksLabelCounts() {
        RgbImage p = RgbImage.blank(10, 8);
        List<List<RgbImage>> rows = List.of(List.of(p, p, p), List.of(p, p, p));
        RgbImage t = LabelledTable.of(rows, List.of("image a: Top", "image a: Bottom"), List.of("input", "r = 0.1",
                "r = 0.2"), 2);
        assertTrue(t.width() > 3 * 10 + 2 * 2 && t.height() > 2 * 8 + 2, t.width() + "x" + t.height());
        // the row-label margin holds dark text pixels
        boolean ink = false;
        for (int y = 0; y < t.height(); y++) {
            for (int x = 0; x < t.width() - (3 * 10 + 2 * 2); x++) {
                ink |= t.get(x, y, 0) < 100;
            }
        }
        assertTrue(ink, "row labels are drawn");
        assertThrows(IllegalArgumentException.class, () -> LabelledTable.of(rows, List.of("one"), List.of("a", "b",
                "c"), 2));
    }
}
