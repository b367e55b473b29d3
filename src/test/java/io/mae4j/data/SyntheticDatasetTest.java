package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.features2d.SIFT;
import org.opencv.imgproc.Imgproc;

/** Determinism, ensure() semantics, the spurious-background cue, speed and keypoint placement of the generator. */
class SyntheticDatasetTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensure();
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void sameSpecSameBytes() throws Exception {
        SynthSpec spec = new SynthSpec(3, 4, 2, 32, true, 5);
        new SyntheticDataset(spec).generate(dir.resolve("a"));
        new SyntheticDataset(spec).generate(dir.resolve("b"));
        List<Path> fa = files(dir.resolve("a"));
        assertEquals(files(dir.resolve("b")), fa);
        assertEquals(3 * 4 + 3 * 2 + 1, fa.size());
        assertTrue(fa.contains(Path.of("train/circle/00003.png")));
        assertTrue(fa.contains(Path.of("val/triangle/00001.png")));
        for (Path f : fa) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)),
                    f.toString());
        }
        new SyntheticDataset(new SynthSpec(3, 4, 2, 32, true, 6)).generate(dir.resolve("c"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/train/circle/00000.png")),
                Files.readAllBytes(dir.resolve("c/train/circle/00000.png"))));
        assertEquals(spec, SyntheticDataset.readSpec(dir.resolve("a/synth.json")));
        ImageFolderDataset ds = ImageFolderDataset.open(dir.resolve("a"), "val");
        assertEquals(List.of("circle", "square", "triangle"), ds.classNames());
        assertEquals(32, ds.load(0).image().width());
    }

    @Test
    void ensureGeneratesOnceAndRefusesAnotherSpec() throws Exception {
        Path root = dir.resolve("synth");
        SynthSpec spec = new SynthSpec(2, 2, 1, 16, false, 0);
        assertTrue(SyntheticDataset.ensure(root, spec));
        long t = Files.getLastModifiedTime(root.resolve("train/circle/00000.png")).toMillis();
        assertFalse(SyntheticDataset.ensure(root, spec));
        assertEquals(t, Files.getLastModifiedTime(root.resolve("train/circle/00000.png")).toMillis());
        DatasetException e = assertThrows(DatasetException.class,
                () -> SyntheticDataset.ensure(root, new SynthSpec(2, 3, 1, 16, false, 0)));
        assertTrue(e.getMessage().contains(root.toAbsolutePath().toString()) && e.getMessage().contains("data.root"),
                e.getMessage());
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("x.txt"), "mine");
        assertThrows(DatasetException.class, () -> SyntheticDataset.ensure(foreign, spec));
        assertTrue(SyntheticDataset.ensure(Files.createDirectories(dir.resolve("empty")), spec));
        try (Stream<Path> s = Files.list(dir)) { // no temp folder left behind
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")));
        }
    }

    @Test
    void specIsValidatedAndManyClassesCombineTextures() {
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(0, 1, 1, 32, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(31, 1, 1, 32, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(2, 0, 1, 32, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(2, 1, 1, 8, false, 0));
        assertEquals("star", SyntheticDataset.className(3, 10));
        assertEquals("star_stripes", SyntheticDataset.className(3, 12));
        assertEquals("circle_checker", SyntheticDataset.className(10, 12));
        assertEquals("arrow_dots", SyntheticDataset.className(29, 30));
    }

    /** Hue in [0, 1) of the mean background colour (pixels off the object). */
    private static double backgroundHue(DecodedImage img, boolean[] mask) {
        double r = 0;
        double g = 0;
        double b = 0;
        int n = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                if (!mask[y * img.width() + x]) {
                    r += img.get(x, y, 0);
                    g += img.get(x, y, 1);
                    b += img.get(x, y, 2);
                    n++;
                }
            }
        }
        float[] hsb = java.awt.Color.RGBtoHSB((int) (r / n), (int) (g / n), (int) (b / n), null);
        return hsb[0];
    }

    /** Share of images whose background hue is nearest to the hue c/classes of their own class c. */
    private static double hueAccuracy(SyntheticDataset gen, int split, int perClass) {
        SynthSpec s = gen.spec();
        int hits = 0;
        for (int c = 0; c < s.classes(); c++) {
            for (int i = 0; i < perClass; i++) {
                boolean[] mask = new boolean[s.imageSize() * s.imageSize()];
                DecodedImage img = gen.render(split, c, i, mask);
                double h = backgroundHue(img, mask);
                int best = 0;
                double bestD = 9;
                for (int k = 0; k < s.classes(); k++) {
                    double d = Math.abs(h - (double) k / s.classes());
                    d = Math.min(d, 1 - d);
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
                hits += best == c ? 1 : 0;
            }
        }
        return (double) hits / (s.classes() * perClass);
    }

    @Test
    void spuriousBackgroundCorrelatesInTrainOnly() throws Exception {
        SyntheticDataset spurious = new SyntheticDataset(new SynthSpec(10, 20, 20, 32, true, 3));
        double train = hueAccuracy(spurious, 0, 20);
        double val = hueAccuracy(spurious, 1, 20);
        assertTrue(train > 0.8, "train background predicts class only " + train);
        assertTrue(val < 0.3, "val background predicts class " + val);
        double plain = hueAccuracy(new SyntheticDataset(new SynthSpec(10, 20, 20, 32, false, 3)), 0, 20);
        assertTrue(plain < 0.3, "without the option train background predicts class " + plain);
        // what render() gives is what generate() writes
        Path root = dir.resolve("s");
        SyntheticDataset small = new SyntheticDataset(new SynthSpec(2, 2, 1, 32, true, 3));
        small.generate(root);
        assertArrayEquals(small.render(0, 1, 1).rgb(), ImageDecoder.decode(root.resolve("train/square/00001.png")).rgb());
    }

    @Test
    void defaultSpecIsFast() {
        long t0 = System.nanoTime();
        SyntheticDataset.ensure(dir.resolve("quick"), SynthSpec.defaults());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, "generation took " + seconds + " s");
        assertEquals(640, ImageFolderDataset.open(dir.resolve("quick"), "train").size());
        assertEquals(160, ImageFolderDataset.open(dir.resolve("quick"), "val").size());
    }

    @Test
    void siftKeypointsFallMostlyOnObjects() {
        SyntheticDataset gen = new SyntheticDataset(new SynthSpec(10, 3, 1, 96, false, 11));
        SIFT sift = SIFT.create();
        int on = 0;
        int total = 0;
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 3; i++) {
                boolean[] mask = new boolean[96 * 96];
                DecodedImage img = gen.render(0, c, i, mask);
                Mat rgb = img.toMat();
                Mat gray = new Mat();
                MatOfKeyPoint kp = new MatOfKeyPoint();
                Imgproc.cvtColor(rgb, gray, Imgproc.COLOR_RGB2GRAY);
                sift.detect(gray, kp);
                for (var k : kp.toArray()) {
                    total++;
                    on += nearObject(mask, 96, (int) k.pt.x, (int) k.pt.y, 2) ? 1 : 0;
                }
                rgb.release();
                gray.release();
                kp.release();
            }
        }
        assertTrue(total > 100, "only " + total + " keypoints");
        assertTrue(on >= 0.85 * total, on + " of " + total + " keypoints on objects");
        assertEquals(CvType.CV_8UC3, new DecodedImage(1, 1, new byte[3]).toMat().type());
    }

    private static boolean nearObject(boolean[] mask, int size, int x, int y, int r) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < size && yy < size && mask[yy * size + xx]) {
                    return true;
                }
            }
        }
        return false;
    }
}
