package io.mae4j.sift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.data.DecodedImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fig. 3 picture: keypoint patches shaded, others untouched, written as a PNG. */
class KeypointOverlayTest {

    @Test
    void shadesKeypointPatchesOnly(@TempDir Path dir) throws Exception {
        byte[] rgb = new byte[32 * 32 * 3];
        Arrays.fill(rgb, (byte) 40); // dark gray 32 x 32, P = 8 -> 4 x 4 grid
        DecodedImage img = new DecodedImage(32, 32, rgb);
        List<Keypoint> k = List.of(new Keypoint(20, 4, 1, 0, 0.1, 0, 1, 1)); // patch (0, 2)
        Path png = dir.resolve("sub/fig3.png");
        KeypointOverlay.write(png, img, k, 8);
        BufferedImage out = ImageIO.read(png.toFile());
        int s = KeypointOverlay.scale(img); // 14: 32 * 14 = 448
        assertEquals(14, s);
        assertEquals(32 * s, out.getWidth());
        assertTrue(out.getHeight() > 32 * s, "caption strip below the image");
        int plain = out.getRGB(4 * s, 28 * s) & 0xFFFFFF;            // inside patch (3, 0), no keypoint
        int shaded = out.getRGB((int) (23.5 * s), (int) (6.5 * s)) & 0xFFFFFF; // inside patch (0, 2), off the circle
        assertEquals(0x282828, plain);
        assertNotEquals(plain, shaded);
        assertTrue(((shaded >> 16) & 255) > 100 && (shaded & 255) < 60, "yellow tint: red up, blue stays low");
        assertTrue(Files.size(png) > 0);
    }
}
