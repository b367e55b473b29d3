package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Pins the RGB normalisation of {@link ImageDecoder} and its rejection of bad files. */
class ImageDecoderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensure();
    }

    private static int[] px(DecodedImage img, int x, int y) {
        return new int[] {img.get(x, y, 0), img.get(x, y, 1), img.get(x, y, 2)};
    }

    @Test
    void bgrPngBecomesRgb() throws Exception {
        Mat m = TestImages.bgr(4, 3, 0, 0, 0);
        m.put(1, 2, new byte[] {0, 0, (byte) 255}); // BGR pure red at (x=2, y=1)
        m.put(2, 0, new byte[] {(byte) 255, 0, 0}); // BGR pure blue at (x=0, y=2)
        DecodedImage img = ImageDecoder.decode(TestImages.write(dir.resolve("red.png"), m));
        assertEquals(4, img.width());
        assertEquals(3, img.height());
        assertArrayEquals(new int[] {255, 0, 0}, px(img, 2, 1));
        assertArrayEquals(new int[] {0, 0, 255}, px(img, 0, 2));
        assertArrayEquals(new int[] {0, 0, 0}, px(img, 0, 0));
    }

    @Test
    void grayIsReplicated() throws Exception {
        Mat g = new Mat(2, 3, CvType.CV_8UC1, new Scalar(77));
        g.put(1, 1, new byte[] {(byte) 200});
        DecodedImage img = ImageDecoder.decode(TestImages.write(dir.resolve("gray.png"), g));
        assertArrayEquals(new int[] {77, 77, 77}, px(img, 0, 0));
        assertArrayEquals(new int[] {200, 200, 200}, px(img, 1, 1));
    }

    @Test
    void sixteenBitIsScaledBy257() throws Exception {
        Mat m = new Mat(1, 3, CvType.CV_16UC3);
        // BGR order: B = 65535, G = 257 * 100, R = 257 * 10 + 128 (rounds to 10.498 -> 10)
        m.put(0, 0, new short[] {(short) 65535, (short) (257 * 100), (short) (257 * 10 + 128)});
        m.put(0, 1, new short[] {0, 0, (short) (257 * 200 + 129)}); // 200.502 -> 201
        m.put(0, 2, new short[] {0, 0, 0});
        DecodedImage img = ImageDecoder.decode(TestImages.write(dir.resolve("deep.png"), m));
        assertArrayEquals(new int[] {10, 100, 255}, px(img, 0, 0));
        assertArrayEquals(new int[] {201, 0, 0}, px(img, 1, 0));
        Mat g = new Mat(1, 1, CvType.CV_16UC1, new Scalar(257 * 42));
        assertArrayEquals(new int[] {42, 42, 42}, px(ImageDecoder.decode(TestImages.write(dir.resolve("g16.png"), g)), 0, 0));
    }

    @Test
    void alphaIsDroppedNotComposited() throws Exception {
        Mat m = new Mat(1, 2, CvType.CV_8UC4);
        m.put(0, 0, new byte[] {10, 20, 30, 0}); // fully transparent BGRA
        m.put(0, 1, new byte[] {(byte) 250, 0, 0, (byte) 128});
        DecodedImage img = ImageDecoder.decode(TestImages.write(dir.resolve("rgba.png"), m));
        assertArrayEquals(new int[] {30, 20, 10}, px(img, 0, 0)); // PIL convert('RGB'): colour kept as is
        assertArrayEquals(new int[] {0, 0, 250}, px(img, 1, 0));
    }

    @Test
    void cmykJpegIsConverted() throws Exception {
        Path f = copyResource("cmyk_red_blue.jpg");
        DecodedImage img = ImageDecoder.decode(f);
        int[] left = px(img, 5, 5);
        int[] right = px(img, 35, 5);
        assertTrue(left[0] > 240 && left[1] < 15 && left[2] < 15, Arrays.toString(left));
        assertTrue(right[0] < 15 && right[1] < 15 && right[2] > 240, Arrays.toString(right));
    }

    @Test
    void realJpegMatchesPil() throws Exception {
        // PIL 9.4 values printed by src/test/python/make_decoder_fixtures.py
        int[][] xy = {{0, 0}, {45, 30}, {89, 59}, {20, 40}, {70, 10}};
        int[][] pil = {{144, 125, 111}, {200, 152, 116}, {169, 145, 141}, {163, 115, 92}, {151, 106, 83}};
        DecodedImage img = ImageDecoder.decode(copyResource("chelsea_small.jpg"));
        assertEquals(90, img.width());
        assertEquals(60, img.height());
        for (int k = 0; k < xy.length; k++) {
            int[] got = px(img, xy[k][0], xy[k][1]);
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(got[c] - pil[k][c]) <= 2, "pixel " + Arrays.toString(xy[k]) + " got "
                        + Arrays.toString(got) + " PIL " + Arrays.toString(pil[k]));
            }
        }
    }

    @Test
    void nonAsciiPathWorks() throws Exception {
        Path f = TestImages.solidPng(dir.resolve("chat été ñ 猫").resolve("фото.png"), 2, 2, 1, 2, 3);
        assertArrayEquals(new int[] {1, 2, 3}, px(ImageDecoder.decode(f), 1, 1));
    }

    @Test
    void badFilesRaiseCheckedExceptionWithPathAndReason() throws Exception {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path text = Files.writeString(dir.resolve("text.jpg"), "not an image at all");
        byte[] png = Files.readAllBytes(TestImages.solidPng(dir.resolve("ok.png"), 30, 20, 9, 9, 9));
        Path cutPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        byte[] jpg = Files.readAllBytes(TestImages.write(dir.resolve("ok.jpg"), TestImages.bgr(30, 20, 1, 2, 3)));
        Path cutJpg = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length - 10)); // libjpeg would pad
        Path missing = dir.resolve("missing.png");
        for (Path bad : new Path[] {empty, text, cutPng, cutJpg, missing}) {
            CorruptImageException e = assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(bad));
            assertEquals(bad, e.path());
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
            assertFalse(e.reason().isBlank());
        }
        assertTrue(assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(empty)).reason().contains("empty"));
        assertTrue(assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(cutJpg)).reason()
                .contains("truncated"));
        // the intact originals decode
        assertEquals(30, ImageDecoder.decode(dir.resolve("ok.jpg")).width());
    }

    @Test
    void jpegEndMarkerRule() {
        byte[] soi = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
        assertTrue(ImageDecoder.jpegHasEndAfterLastScan(concat(soi, new byte[] {(byte) 0xFF, (byte) 0xDA, 1, 2,
            (byte) 0xFF, 0, (byte) 0xFF, (byte) 0xD9})));
        assertTrue(ImageDecoder.jpegHasEndAfterLastScan(concat(soi, new byte[] {(byte) 0xFF, (byte) 0xDA, 1,
            (byte) 0xFF, (byte) 0xD9, 7, 7}))); // trailing bytes after EOI are fine
        assertFalse(ImageDecoder.jpegHasEndAfterLastScan(concat(soi, new byte[] {(byte) 0xFF, (byte) 0xDA, 1, 2})));
        // a thumbnail's EOI before the main scan does not count
        assertFalse(ImageDecoder.jpegHasEndAfterLastScan(concat(soi, new byte[] {(byte) 0xFF, (byte) 0xD9,
            (byte) 0xFF, (byte) 0xDA, 5})));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path copyResource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Path f = dir.resolve(name);
            Files.copy(in, f);
            return f;
        }
    }
}
