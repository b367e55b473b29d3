package io.mae4j.tensorboard;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * An 8-bit RGB picture on the heap, row-major, channels interleaved: pixel (y, x) channel c is
 * {@code rgb[(y * width + x) * 3 + c]} (c = 0 red, 1 green, 2 blue).
 *
 * @param width W in pixels
 * @param height H in pixels
 * @param rgb (H, W, 3) unsigned bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {

    /** Checks the size. */
    public RgbImage {
        if (width < 1 || height < 1 || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs " + 3L * width * height
                    + " bytes (H, W, 3), got " + rgb.length);
        }
    }

    /** A black image. */
    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    }

    /** Sets pixel (x, y) to the given 0..255 values. */
    public void set(int x, int y, int r, int g, int b) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) r;
        rgb[i + 1] = (byte) g;
        rgb[i + 2] = (byte) b;
    }

    /** Channel c (0 = red) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /** The image as PNG bytes (javax.imageio). */
    public byte[] toPng() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData(); // (H, W, 3) as b, g, r
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(rgb.length / 4 + 1024);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer in javax.imageio");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of a " + width + "x" + height + " image failed", e);
        }
        return out.toByteArray();
    }
}
