package io.mae4j.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mae4j.data.DecodedImage;
import io.mae4j.mask.ImageScores;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** cache show's colour scale spans the image's θ̄ range, and its bar shows that scale. */
class CacheShowTest {

    @Test
    void colourScaleAndBarSpanTheDataRange() {
        float n = Float.NaN;
        float[] theta = {0.31f, 0.35f, n, 0.44f}; // a model-scored θ̄: a narrow band
        assertArrayEquals(new float[] {0.31f, 0.44f}, CacheShow.range(theta), 0f);
        assertArrayEquals(new float[] {0f, 1f}, CacheShow.range(new float[] {n, n}), 0f);

        byte[] gray = new byte[64 * 64 * 3];
        java.util.Arrays.fill(gray, (byte) 128);
        ImageScores s = new ImageScores(2, theta, new float[0], new float[0], new float[0]);
        BufferedImage img = CacheShow.render(new DecodedImage(64, 64, gray), s);
        assertEquals(448 + CacheShow.BAR, img.getWidth());
        // bar: the top is the scale's maximum (yellow), the bottom its minimum (black)
        int bx = 448 + 10 + 5;
        assertEquals(CacheShow.heat(1f, 1f).getRGB() & 0xffffff, img.getRGB(bx, 24) & 0xffffff);
        assertEquals(CacheShow.heat(0f, 1f).getRGB() & 0xffffff, img.getRGB(bx, 448 - 24) & 0xffffff);
        // the cell with the largest θ̄ (bottom right) is tinted towards yellow, the smallest (top left) towards
        // black: the band fills the whole scale
        Color max = new Color(img.getRGB(448 - 60, 448 - 60));
        Color min = new Color(img.getRGB(60, 60));
        assertEquals(true, max.getGreen() > 150 && max.getRed() > 150, max.toString());
        assertEquals(true, min.getRed() < 80 && min.getGreen() < 80, min.toString());
    }
}
