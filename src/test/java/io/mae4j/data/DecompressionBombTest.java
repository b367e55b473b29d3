package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 4 of issue 16: images above data.max_pixels are skipped from their header, never decoded. */
class DecompressionBombTest {

    @TempDir
    Path dir;

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** A small, well-formed PNG file whose header claims {@code w × h} RGB pixels (first rows of zeros). */
    static byte[] pngClaiming(int w, int h) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater z = new Deflater();
        z.setInput(new byte[(3 * w + 1) * (h <= 64 ? h : 1)]); // zero rows (a bomb: only the first, never read)
        z.finish();
        byte[] buf = new byte[1 << 16];
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, z.deflate(buf)));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    @Test
    void aPngClaiming26000SquaredIsRefusedFromItsHeader() throws Exception {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, pngClaiming(26000, 26000));
        assertTrue(Files.size(bomb) < 10_000, "the crafted file is small: " + Files.size(bomb));
        long t0 = System.nanoTime();
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> ImageDecoder.decode(bomb, ImageDecoder.DEFAULT_MAX_PIXELS));
        assertTrue(e.reason().contains("26000x26000 = 676000000 pixels, above data.max_pixels = 89478485"), e.reason());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused without decoding");
        // the default limit applies to the one-argument decode too
        assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(bomb));
    }

    @Test
    void aDatasetSkipsTheBombCountsItAndServesTheNextImage() throws Exception {
        Path cls = Files.createDirectories(dir.resolve("root/train/a"));
        Files.write(cls.resolve("0_bomb.png"), pngClaiming(26000, 26000));
        Files.write(cls.resolve("1_small.png"), pngClaiming(8, 8)); // 64 pixels: decoded
        ImageFolderDataset ds = ImageFolderDataset.open(dir.resolve("root"), "train").maxPixels(1000);
        LoadedImage img = ds.load(0);
        assertEquals(1, img.index());
        assertEquals(1, ds.skipLog().count());
        assertTrue(ds.skipLog().entries().get(0).reason().contains("above data.max_pixels = 1000"));
        ds.load(0);
        assertEquals(1, ds.skipLog().count(), "named once");
    }

    @Test
    void aTruncatedPngIsRefusedBeforeLibpngSeesIt() throws Exception {
        byte[] whole = pngClaiming(8, 8);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 20));
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(cut));
        assertTrue(e.reason().startsWith("truncated PNG"), e.reason());
        byte[] flipped = whole.clone();
        flipped[43] ^= 0x55; // inside IDAT: its CRC no longer matches
        Path bad = dir.resolve("bad.png");
        Files.write(bad, flipped);
        e = assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(bad));
        assertTrue(e.reason().startsWith("damaged PNG (CRC error in chunk IDAT"), e.reason());
        assertEquals(8, ImageDecoder.decode(write(dir.resolve("ok.png"), whole)).width(), "the whole file decodes");
    }

    private static Path write(Path p, byte[] b) throws Exception {
        Files.write(p, b);
        return p;
    }
}
