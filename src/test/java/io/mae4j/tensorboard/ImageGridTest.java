package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    private static final float[] MEAN = {0.5f, 0.25f, 0.0f};
    private static final float[] STD = {0.5f, 0.25f, 1.0f};

    @Test
    void denormalizesWithMeanAndStdAndClamps() {
        // one 1x2 image (C=3): pixel 0 = (0, 0, 0) → (0.5, 0.25, 0) · 255; pixel 1 = (1, 3, -1) → (1, 1, 0)
        float[] chw = {0, 1, /* green */ 0, 3, /* blue */ 0, -1};
        RgbImage img = ImageGrid.denormalize(chw, 0, 3, 1, 2, MEAN, STD);
        assertEquals(128, img.get(0, 0, 0)); // round(127.5)
        assertEquals(64, img.get(0, 0, 1)); // round(63.75)
        assertEquals(0, img.get(0, 0, 2));
        assertEquals(255, img.get(1, 0, 0)); // 1·0.5 + 0.5 = 1
        assertEquals(255, img.get(1, 0, 1)); // 3·0.25 + 0.25 = 1
        assertEquals(0, img.get(1, 0, 2)); // −1 clamps to 0
    }

    @Test
    void picksTheRequestedImageOfTheBatch() {
        float[] chw = new float[2 * 3 * 1 * 1];
        chw[3] = 1f; // image 1, red channel: 1 · 0.5 + 0.5 = 1
        assertEquals(128, ImageGrid.denormalize(chw, 0, 3, 1, 1, MEAN, STD).get(0, 0, 0));
        assertEquals(255, ImageGrid.denormalize(chw, 1, 3, 1, 1, MEAN, STD).get(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.denormalize(chw, 2, 3, 1, 1, MEAN, STD));
    }

    @Test
    void drawsTheMaskAsAPatchGrid() {
        // 1x2 grid of 4 px patches: patch 0 removed (black), patch 1 kept (white), borders grey
        RgbImage m = ImageGrid.mask(new float[] {1, 0}, 1, 2, 4);
        assertEquals(8, m.width());
        assertEquals(4, m.height());
        assertEquals(0, m.get(1, 1, 0));
        assertEquals(255, m.get(5, 1, 0));
        assertEquals(ImageGrid.LINE, m.get(4, 2, 0)); // left border of patch 1
        assertEquals(ImageGrid.LINE, m.get(2, 0, 0)); // top border
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.mask(new float[] {1, 0, 0}, 1, 2, 4));
    }

    @Test
    void laysPanelsOutWithGaps() {
        RgbImage a = RgbImage.blank(2, 1);
        RgbImage b = RgbImage.blank(2, 1);
        b.set(0, 0, 10, 20, 30);
        RgbImage t = ImageGrid.table(List.of(List.of(a, b), List.of(b, a)), 1);
        assertEquals(5, t.width()); // 2 + 1 + 2
        assertEquals(3, t.height()); // 1 + 1 + 1
        assertEquals(10, t.get(3, 0, 0)); // b at column 1 of row 0
        assertEquals(20, t.get(0, 2, 1)); // b at column 0 of row 1
        assertEquals(ImageGrid.LINE, t.get(2, 0, 0)); // the gap
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.table(List.of(List.of(a, RgbImage.blank(3, 1))), 1));
    }

    @Test
    void pngRoundTripsThroughImageIo() throws IOException {
        RgbImage img = RgbImage.blank(3, 2);
        img.set(0, 0, 255, 0, 0);
        img.set(2, 1, 1, 2, 3);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(img.toPng()));
        assertEquals(3, back.getWidth());
        assertEquals(2, back.getHeight());
        assertEquals(0xFF0000, back.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x010203, back.getRGB(2, 1) & 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(2, 2, new byte[11]));
    }
}
