package io.mae4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Small image files for tests, written with OpenCV (Mats are in OpenCV's BGR(A) order). */
final class TestImages {

    private TestImages() {}

    /** Writes {@code m} encoded by extension ({@code ".png"}, {@code ".jpg"}, ...) and returns the path. */
    static Path write(Path file, Mat m) throws IOException {
        OpenCvLoader.ensure();
        MatOfByte buf = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(file.getFileName().toString().replaceAll("^.*(\\.[^.]+)$", "$1"), m, buf)) {
                throw new IOException("imencode failed for " + file);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, buf.toArray());
            return file;
        } finally {
            buf.release();
            m.release();
        }
    }

    /** A w × h 8-bit BGR Mat filled with (b, g, r). */
    static Mat bgr(int w, int h, int b, int g, int r) {
        OpenCvLoader.ensure();
        return new Mat(h, w, CvType.CV_8UC3, new Scalar(b, g, r));
    }

    /** Writes a solid-colour PNG given in RGB. */
    static Path solidPng(Path file, int w, int h, int r, int g, int b) throws IOException {
        return write(file, bgr(w, h, b, g, r));
    }
}
