package io.mae4j.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.mask.ImageScores;
import io.mae4j.sift.SiftSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build, resume, read back and refuse θ score caches on a tiny synthetic set (16 train images, 32 px). */
class CacheBuildTest {

    @TempDir
    static Path tmp;

    static Path root;

    static final CacheSettings SETTINGS = new CacheSettings("", "train", "sift-only", 4, 2, 3,
            SiftSettings.OPENCV_DEFAULTS, 64);

    @BeforeAll
    static void data() {
        root = tmp.resolve("synth");
        new SyntheticDataset(new SynthSpec(2, 8, 1, 32, false, 7)).generate(root);
    }

    static BuildResult build(Path dataRoot, Path file, int abortAfter) throws Exception {
        CacheBuilder b = new CacheBuilder(ImageFolderDataset.open(dataRoot, "train"), new SiftDensityScorer(), SETTINGS);
        if (abortAfter >= 0) {
            b.abortAfter(abortAfter);
        }
        return b.build(file, "mae4j cache build data.root=" + dataRoot, BuildProgress.silent());
    }

    @Test
    void roundTripReadsBackEveryImageBitExactThroughScoreSource() throws Exception {
        Path file = tmp.resolve("rt.sqlite");
        BuildResult r = build(root, file, -1);
        assertEquals(16, r.images());
        assertEquals(16, r.written());
        ImageFolderDataset ds = ImageFolderDataset.open(root, "train");
        CacheReader reader = CacheReader.open(file, ds, new SiftDensityScorer(), SETTINGS);
        assertEquals(16, reader.size());
        // recompute one entry by hand through the builder's own path and compare bits
        try (CacheStore store = CacheStore.open(file)) {
            Map<String, CacheEntry> all = store.entries(4);
            for (int i = 0; i < ds.size(); i++) {
                ImageScores s = reader.scores(ds.path(i));
                assertNotNull(s, "no scores for " + ds.path(i));
                CacheEntry e = all.get(root.relativize(ds.path(i)).toString());
                assertArrayEquals(e.scores().thetaBar(), s.thetaBar());
                assertEquals(16, s.thetaBar().length);
                assertEquals(2 * s.numKeypoints(), s.keypoints().length);
                float max = 0;
                for (float v : s.thetaBar()) {
                    assertTrue(v >= 0 && v <= 1);
                    max = Math.max(max, v);
                }
                assertEquals(s.numKeypoints() == 0 ? 0f : 1f, max);
            }
        }
        assertNull(reader.scores(Path.of("train/nope/none.png")));
    }

    @Test
    void blobsAreLittleEndianFloat32AndRoundTripNaN() {
        float[] v = {1f, Float.NaN, -0.5f};
        byte[] b = Blobs.encode(v);
        assertEquals(12, b.length);
        assertEquals((byte) 0x80, b[2]); // 1.0f = 0x3F800000 little-endian: 00 00 80 3F
        assertEquals((byte) 0x3F, b[3]);
        assertArrayEquals(new int[] {Float.floatToRawIntBits(1f), Float.floatToRawIntBits(Float.NaN),
            Float.floatToRawIntBits(-0.5f)}, java.util.Arrays.stream(new int[] {0, 1, 2})
                .map(i -> Float.floatToRawIntBits(Blobs.decode(b)[i])).toArray());
    }

    @Test
    void densityIsCountOverMaxCountOnTheCanonicalGrid() {
        var k = java.util.List.of(kp(0.1, 0.1), kp(0.2, 0.2), kp(0.9, 0.1), kp(1.0, 1.0), kp(1.5, 0.5));
        // g = 2: cell 0 has 2, cell 1 has 1, cell 3 has 1 (x = y = 1 clamps to the last cell), (1.5, 0.5) ignored
        assertArrayEquals(new float[] {1f, 0.5f, 0f, 0.5f}, SiftDensityScorer.density(k, 2));
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, SiftDensityScorer.density(java.util.List.of(), 2));
    }

    static io.mae4j.sift.Keypoint kp(double x, double y) {
        return new io.mae4j.sift.Keypoint(x, y, 0.01, 0, 0.1, 0, 0, 0);
    }

    @Test
    void interruptedBuildResumesExactlyOnceAndEqualsAnUninterruptedOne() throws Exception {
        Path whole = tmp.resolve("whole.sqlite");
        build(root, whole, -1);
        Path part = tmp.resolve("part.sqlite");
        assertThrows(BuildAbortedException.class, () -> build(root, part, 5));
        int afterAbort;
        try (CacheStore s = CacheStore.open(part)) {
            afterAbort = s.entryCount();
        }
        assertEquals(3, afterAbort, "commit_every=3: the first batch of 3 is committed, the next (6 > 5) is dropped");
        BuildResult resumed = build(root, part, -1);
        assertEquals(3, resumed.alreadyDone());
        assertEquals(13, resumed.written());
        try (CacheStore a = CacheStore.open(whole); CacheStore b = CacheStore.open(part)) {
            Map<String, CacheEntry> ea = a.entries(4);
            Map<String, CacheEntry> eb = b.entries(4);
            assertEquals(ea.keySet(), eb.keySet());
            assertEquals(16, eb.size());
            for (String p : ea.keySet()) {
                assertArrayEquals(ea.get(p).scores().thetaBar(), eb.get(p).scores().thetaBar(), p);
                assertArrayEquals(ea.get(p).scores().keypoints(), eb.get(p).scores().keypoints(), p);
                assertArrayEquals(ea.get(p).scores().responses(), eb.get(p).scores().responses(), p);
            }
        }
        assertEquals(0, build(root, part, -1).written(), "a complete cache writes nothing");
    }

    @Test
    void cachedKeypointsAreThoseOfTheModelView() throws Exception {
        Path data = tmp.resolve("view");
        new SyntheticDataset(new SynthSpec(2, 2, 1, 32, false, 5)).generate(data); // 32 px sources, view side 64
        Path file = tmp.resolve("view.sqlite");
        build(data, file, -1);
        ImageFolderDataset ds = ImageFolderDataset.open(data, "train");
        CacheReader r = CacheReader.open(file, ds, new SiftDensityScorer(), SETTINGS);
        io.mae4j.sift.SiftDetector sift = new io.mae4j.sift.SiftDetector(SiftSettings.OPENCV_DEFAULTS);
        for (int i = 0; i < ds.size(); i++) {
            java.util.List<io.mae4j.sift.Keypoint> want = io.mae4j.sift.ModelViewKeypoints.normalized(sift,
                    io.mae4j.data.ImageDecoder.decode(ds.path(i)), 64);
            ImageScores got = r.scores(ds.path(i));
            assertEquals(want.size(), got.numKeypoints(), ds.path(i).toString());
            for (int k = 0; k < want.size(); k++) {
                assertEquals(want.get(k).x(), got.keypoints()[2 * k], 1e-6);
                assertEquals(want.get(k).y(), got.keypoints()[2 * k + 1], 1e-6);
            }
        }
    }

    @Test
    void aCacheBuiltUnderTheSourceResolutionRuleIsStale() throws Exception {
        Path data = tmp.resolve("oldrule");
        new SyntheticDataset(new SynthSpec(2, 2, 1, 32, false, 3)).generate(data);
        Path file = tmp.resolve("oldrule.sqlite");
        build(data, file, -1);
        try (CacheStore store = CacheStore.open(file)) { // the header an older mae4j wrote: no sift_view
            CacheHeader h = store.header();
            Map<String, CacheEntry> kept = store.entries(h.gridSize());
            store.reset(new CacheHeader(h.formatVersion(), h.split(), h.datasetRoot(), h.datasetFingerprint(),
                    h.datasetImages(), h.scorer(), h.scorerFingerprint(), h.settings().replace("sift_view=64 ", ""),
                    h.gridSize(), h.created(), h.command()));
            store.commit(java.util.List.copyOf(kept.values()), Map.of());
        }
        ImageFolderDataset ds = ImageFolderDataset.open(data, "train");
        StaleCacheException s = assertThrows(StaleCacheException.class,
                () -> CacheReader.open(file, ds, new SiftDensityScorer(), SETTINGS));
        assertTrue(s.getMessage().contains("own resolution") && s.getMessage().contains("Rebuild it with: mae4j cache build"),
                s.getMessage());
        // a build over it starts from scratch under the new rule
        assertEquals(ds.size(), build(data, file, -1).written());
        CacheReader.open(file, ds, new SiftDensityScorer(), SETTINGS);
    }

    @Test
    void refusesAStaleCacheSayingWhatDiffersAndHowToRebuild() throws Exception {
        Path data = tmp.resolve("stale");
        new SyntheticDataset(new SynthSpec(2, 2, 1, 32, false, 3)).generate(data);
        Path file = tmp.resolve("stale.sqlite");
        build(data, file, -1);
        ImageFolderDataset ds = ImageFolderDataset.open(data, "train");
        CacheReader.open(file, ds, new SiftDensityScorer(), SETTINGS); // matches
        CacheSettings other = new CacheSettings("", "train", "sift-only", 7, 2, 3, SiftSettings.OPENCV_DEFAULTS, 64);
        StaleCacheException s = assertThrows(StaleCacheException.class,
                () -> CacheReader.open(file, ds, new SiftDensityScorer(), other));
        assertTrue(s.getMessage().contains("settings 'grid=4"), s.getMessage());
        Scorer sift = new SiftDensityScorer();
        Scorer otherScorer = new Scorer() {
            @Override
            public String name() {
                return sift.name();
            }

            @Override
            public String fingerprint() {
                return "model.ckpt 123 abc";
            }

            @Override
            public Prepared prepare(io.mae4j.data.DecodedImage i, java.util.List<io.mae4j.sift.Keypoint> k, int g) {
                return sift.prepare(i, k, g);
            }
        };
        StaleCacheException sc = assertThrows(StaleCacheException.class,
                () -> CacheReader.open(file, ds, otherScorer, SETTINGS));
        assertTrue(sc.getMessage().contains("scorer"), sc.getMessage());
        Path img = ds.path(0);
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5000));
        ImageFolderDataset touched = ImageFolderDataset.open(data, "train");
        StaleCacheException d = assertThrows(StaleCacheException.class,
                () -> CacheReader.open(file, touched, new SiftDensityScorer(), SETTINGS));
        assertTrue(d.getMessage().contains("dataset fingerprint"), d.getMessage());
        assertTrue(d.getMessage().contains("Rebuild it with: mae4j cache build data.root=" + data), d.getMessage());
        assertThrows(StaleCacheException.class,
                () -> CacheReader.open(tmp.resolve("missing.sqlite"), touched, new SiftDensityScorer(), SETTINGS));
        // a build on the changed dataset starts over and then matches
        assertEquals(4, build(data, file, -1).written());
        assertEquals(4, CacheReader.open(file, touched, new SiftDensityScorer(), SETTINGS).size());
    }

    @Test
    void corruptImagesAreSkippedCountedAndReported() throws Exception {
        Path data = tmp.resolve("corrupt");
        new SyntheticDataset(new SynthSpec(2, 2, 1, 32, false, 5)).generate(data);
        ImageFolderDataset ds0 = ImageFolderDataset.open(data, "train");
        Files.write(ds0.path(1), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path file = tmp.resolve("corrupt.sqlite");
        BuildResult r = build(data, file, -1);
        assertEquals(3, r.written());
        assertEquals(1, r.skippedNow());
        CacheReader reader = CacheReader.openUnchecked(file);
        String rel = data.relativize(ds0.path(1)).toString();
        assertEquals(java.util.Set.of(rel), reader.skipped().keySet());
        assertNull(reader.scores(ds0.path(1)));
        assertEquals(0, build(data, file, -1).skippedNow(), "a skipped image is not retried by a resume");
        String info = CacheInfo.describe(reader);
        assertTrue(info.contains("coverage            3 entries + 1 skipped of 4 images (100.0%)"), info);
        assertTrue(info.contains("skipped             " + rel + ": "), info);
        assertTrue(info.contains("scorer              sift-only"), info);
    }

    @Test
    void showWritesAPngWithTheHeatMap() throws Exception {
        Path file = tmp.resolve("show.sqlite");
        build(root, file, -1);
        CacheReader reader = CacheReader.openUnchecked(file);
        ImageFolderDataset ds = ImageFolderDataset.open(root, "train");
        Path png = tmp.resolve("show/out.png");
        CacheShow.write(ds.path(0), reader.scores(ds.path(0)), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(448 + CacheShow.BAR, img.getWidth()); // the image, then the colour bar
        assertEquals(448, img.getHeight());
    }
}
