package io.mae4j.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes image files into 8-bit RGB {@link DecodedImage}s with OpenCV, normalised the way PIL's
 * {@code Image.open(f).convert('RGB')} (the official MAE pipeline) sees them:
 *
 * <ul>
 *   <li>the file is read with {@link Files#readAllBytes} and decoded with {@code
 *       Imgcodecs.imdecode(..., IMREAD_UNCHANGED)}, so non-ASCII paths work and EXIF orientation is
 *       <em>not</em> applied (PIL does not apply it either);
 *   <li>16-bit samples are scaled to 8 bits by 1/257 (65535 → 255), rounded;
 *   <li>gray becomes R = G = B; BGRA drops its alpha without compositing; BGR is reordered to RGB;
 *   <li>CMYK JPEGs are converted to RGB by OpenCV's JPEG reader.
 * </ul>
 *
 * <p>Anything that cannot be turned into an image (missing, unreadable, empty, not an image,
 * truncated, unsupported sample type) raises a checked {@link CorruptImageException}. A JPEG whose
 * last scan is not followed by an end-of-image marker counts as truncated, even though libjpeg would
 * fill the missing rows with gray (PIL refuses such files too).
 */
public final class ImageDecoder {

    /**
     * The default cap on width × height ({@code data.max_pixels}): Pillow's {@code MAX_IMAGE_PIXELS}
     * (89,478,485, a 9459² image, ~270 MB as 8-bit RGB).
     */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

    private ImageDecoder() {}

    /**
     * Reads and decodes one file, refusing images above {@link #DEFAULT_MAX_PIXELS}.
     *
     * @throws CorruptImageException with the path and the reason when the file is not a usable image
     */
    public static DecodedImage decode(Path path) throws CorruptImageException {
        return decode(path, DEFAULT_MAX_PIXELS);
    }

    /**
     * Reads and decodes one file. The image size is read from its header first (no pixel is
     * decoded), so a small file claiming a huge image (a decompression bomb) costs nothing.
     *
     * @param maxPixels largest width × height decoded; 0 or less = no limit
     * @throws CorruptImageException with the path and the reason when the file is not a usable image
     *     or is larger than {@code maxPixels}
     */
    public static DecodedImage decode(Path path, long maxPixels) throws CorruptImageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CorruptImageException(path, "cannot read file (" + e + ")", e);
        } catch (OutOfMemoryError e) {
            throw new CorruptImageException(path, "file too large to read", e);
        }
        checkPixels(bytes, path, maxPixels);
        return decode(bytes, path);
    }

    /**
     * Refuses an image whose header claims more than {@code maxPixels} pixels. Formats javax.imageio
     * has no reader for (WebP) and headers it cannot parse are left to the decoder.
     */
    static void checkPixels(byte[] bytes, Path source, long maxPixels) throws CorruptImageException {
        if (maxPixels <= 0) {
            return;
        }
        long[] size = headerSize(bytes);
        if (size != null && size[0] * size[1] > maxPixels) {
            throw new CorruptImageException(source, String.format(java.util.Locale.ROOT,
                    "image too large: %dx%d = %d pixels, above data.max_pixels = %d (not decoded; raise"
                            + " data.max_pixels to read it, or shrink the image)",
                    size[0], size[1], size[0] * size[1], maxPixels));
        }
    }

    /** {width, height} from the image header without decoding any pixel, or null when unknown. */
    static long[] headerSize(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new long[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // unreadable header: the decoder reports the file as corrupt
        }
    }

    /**
     * Decodes encoded image bytes (PNG, JPEG, BMP, TIFF, WebP, ...).
     *
     * @param bytes the encoded file content
     * @param source where the bytes came from, used in error messages
     * @throws CorruptImageException when the bytes are not a usable image
     */
    public static DecodedImage decode(byte[] bytes, Path source) throws CorruptImageException {
        if (bytes.length == 0) {
            throw new CorruptImageException(source, "empty file (0 bytes)");
        }
        if (isJpeg(bytes) && !jpegHasEndAfterLastScan(bytes)) {
            throw new CorruptImageException(source, "truncated JPEG (no end-of-image marker after the last scan)");
        }
        if (isPng(bytes)) {
            String broken = pngDamage(bytes);
            if (broken != null) {
                // refused here, so libpng never prints its own "libpng error: ..." line to stderr
                throw new CorruptImageException(source, broken);
            }
        }
        OpenCvLoader.ensure();
        MatOfByte encoded = new MatOfByte(bytes);
        Mat raw = null;
        try {
            raw = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_UNCHANGED);
            if (raw == null || raw.empty()) {
                throw new CorruptImageException(source, "OpenCV could not decode it (not an image, or truncated)");
            }
            return toRgb(raw, source);
        } catch (CvException e) {
            throw new CorruptImageException(source, "OpenCV failed: " + e.getMessage(), e);
        } finally {
            encoded.release();
            if (raw != null) {
                raw.release();
            }
        }
    }

    /** Converts a decoded Mat of any supported type into heap RGB bytes; does not release {@code raw}. */
    private static DecodedImage toRgb(Mat raw, Path source) throws CorruptImageException {
        List<Mat> temps = new ArrayList<>();
        try {
            Mat m = raw;
            if ((long) m.rows() * m.cols() * 3 > Integer.MAX_VALUE - 8) {
                throw new CorruptImageException(source, "image too large (" + m.cols() + "x" + m.rows() + ")");
            }
            int depth = CvType.depth(m.type());
            if (depth == CvType.CV_16U) {
                Mat eight = track(temps, new Mat());
                m.convertTo(eight, CvType.CV_8U, 1.0 / 257.0); // rounds to nearest, 65535 -> 255
                m = eight;
            } else if (depth != CvType.CV_8U) {
                throw new CorruptImageException(source, "unsupported sample type " + CvType.typeToString(m.type())
                        + " (only 8- and 16-bit unsigned images are supported)");
            }
            Mat rgb = track(temps, new Mat());
            switch (m.channels()) {
                case 1 -> Imgproc.cvtColor(m, rgb, Imgproc.COLOR_GRAY2RGB);
                case 2 -> { // gray + alpha: keep gray, drop alpha
                    Mat gray = track(temps, new Mat());
                    Core.extractChannel(m, gray, 0);
                    Imgproc.cvtColor(gray, rgb, Imgproc.COLOR_GRAY2RGB);
                }
                case 3 -> Imgproc.cvtColor(m, rgb, Imgproc.COLOR_BGR2RGB);
                case 4 -> Imgproc.cvtColor(m, rgb, Imgproc.COLOR_BGRA2RGB); // alpha dropped, not composited
                default -> throw new CorruptImageException(source, "unsupported channel count " + m.channels());
            }
            return DecodedImage.fromRgbMat(rgb);
        } finally {
            for (Mat t : temps) {
                t.release();
            }
        }
    }

    private static Mat track(List<Mat> temps, Mat m) {
        temps.add(m);
        return m;
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static boolean isPng(byte[] b) {
        return b.length >= PNG_SIGNATURE.length
                && java.util.Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }

    /**
     * Walks a PNG's chunks (length, type, data, CRC-32) up to IEND: null when every chunk is whole
     * and its CRC matches, else what is wrong ("truncated PNG ...", "damaged PNG ...").
     */
    static String pngDamage(byte[] b) {
        int pos = PNG_SIGNATURE.length;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        while (pos + 12 <= b.length) {
            long len = ((b[pos] & 0xFFL) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
                    | (b[pos + 3] & 0xFF);
            String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (pos + 12 + len > b.length) {
                return "truncated PNG (chunk " + type + " at byte " + pos + " runs past the end of the file)";
            }
            crc.reset();
            crc.update(b, pos + 4, (int) (4 + len));
            int end = (int) (pos + 8 + len);
            long stored = ((b[end] & 0xFFL) << 24) | ((b[end + 1] & 0xFF) << 16) | ((b[end + 2] & 0xFF) << 8)
                    | (b[end + 3] & 0xFF);
            if (crc.getValue() != stored) {
                return "damaged PNG (CRC error in chunk " + type + " at byte " + pos + ")";
            }
            if (type.equals("IEND")) {
                return null;
            }
            pos = end + 4;
        }
        return "truncated PNG (no IEND chunk)";
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /**
     * True when an EOI marker (FF D9) follows the last SOS marker (FF DA). Inside entropy-coded data
     * every 0xFF is followed by 0x00 or a restart marker, so FF DA / FF D9 there are real markers; an
     * embedded EXIF thumbnail's own SOS/EOI come before the main image's scans.
     */
    static boolean jpegHasEndAfterLastScan(byte[] b) {
        for (int i = b.length - 2; i >= 0; i--) { // scan back from the end: cheap for intact files
            if ((b[i] & 0xFF) == 0xFF) {
                int marker = b[i + 1] & 0xFF;
                if (marker == 0xD9) {
                    return true; // EOI with no scan after it
                }
                if (marker == 0xDA) {
                    return false; // a scan that never ends
                }
            }
        }
        return false;
    }
}
