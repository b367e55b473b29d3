package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mae4j.tensorboard.proto.Summary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@link Summaries#png}: size and colorspace come from the PNG's IHDR chunk; the bytes pass unchanged. */
class PngSummaryTest {

    private static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void readsSizeAndColourTypeFromTheHeader() throws IOException {
        byte[] rgba = encode(new BufferedImage(300, 2, BufferedImage.TYPE_INT_ARGB)); // width > 255: two bytes
        Summary.Image a = Summaries.png("a", rgba).getImage();
        assertEquals(300, a.getWidth());
        assertEquals(2, a.getHeight());
        assertEquals(4, a.getColorspace()); // colour type 6 = RGBA
        assertArrayEquals(rgba, a.getEncodedImageString().toByteArray());

        Summary.Image rgb = Summaries.png("b", RgbImage.blank(5, 7).toPng()).getImage();
        assertEquals(5, rgb.getWidth());
        assertEquals(7, rgb.getHeight());
        assertEquals(3, rgb.getColorspace());

        Summary.Image gray = Summaries.png("c", encode(new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY)))
                .getImage();
        assertEquals(1, gray.getColorspace());
    }

    @Test
    void refusesBytesThatAreNoPng() {
        byte[] jpegLike = new byte[40];
        jpegLike[0] = (byte) 0xff;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summaries.png("x", jpegLike));
        assertEquals("the image for 'x' is not a PNG (no signature and IHDR)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Summaries.png("x", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    }
}
