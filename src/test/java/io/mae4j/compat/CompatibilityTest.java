package io.mae4j.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.cache.CacheEntry;
import io.mae4j.cache.CacheHeader;
import io.mae4j.cache.CacheReader;
import io.mae4j.cache.SiftDensityScorer;
import io.mae4j.mask.ImageScores;
import io.mae4j.mask.MaskResult;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.model.MaeOutput;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.ModelSource;
import io.mae4j.sift.Keypoint;
import io.mae4j.tensorboard.EventFileReader;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.util.EngineSetup;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by an earlier mae4j (src/test/resources/compat/, generated as its README says) must
 * still read, with the values they were written with: a checkpoint (metadata, parameters, the loss of
 * a fixed input through the loaded model), a θ score cache and a TensorBoard event file. A change of
 * format has to keep reading these files or fail this test loudly; replacing the files is a decision
 * that breaks users' runs and caches, to be taken knowingly.
 */
class CompatibilityTest {

    private static final String[] RUN_FILES = {"config.conf", "overrides.txt", "metrics.csv",
            "events.out.tfevents.1796649865.vm", "checkpoints/last.ckpt"};
    private static final String CACHE = "train-sift-only-bc248d00e878.sqlite";

    @TempDir
    static Path tmp;

    private static Path run;
    private static Path cache;

    /** Copies the resources out of the class path, so that nothing (e.g. SQLite) can write into them. */
    @BeforeAll
    static void copyResources() throws IOException {
        run = tmp.resolve("run");
        for (String f : RUN_FILES) {
            copy("run/" + f, run.resolve(f));
        }
        cache = tmp.resolve(CACHE);
        copy("cache/" + CACHE, cache);
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = CompatibilityTest.class.getResourceAsStream("/compat/" + resource)) {
            assertNotNull(in, "missing test resource compat/" + resource);
            Files.createDirectories(to.getParent());
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void checkpointMetadataReads() throws IOException {
        CheckpointMeta meta = Checkpoints.readMeta(run.resolve("checkpoints/last.ckpt"));
        assertEquals(1, meta.formatVersion());
        assertEquals(1, meta.epochsDone());
        assertEquals(2, meta.globalStep());
        assertEquals(2, meta.optimizerSteps());
        assertEquals(0, meta.seed());
        assertEquals(1.4299172759056091, meta.lastLoss(), 1e-12);
        assertEquals("c63df34482da1a100cb618a545427310b81e8e69cbd4c614ce62f71299f72e2f", meta.configDigest());
    }

    @Test
    void checkpointArraysKeepTheirNamesAndValues() throws IOException {
        EngineSetup.start(2, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoints.Loaded l = Checkpoints.read(run.resolve("checkpoints/last.ckpt"), m);
            assertEquals(36, l.model().size()); // official names, depth 1 / decoder depth 1, no pos_embed
            assertEquals(73, l.optimizer().size()); // exp_avg + exp_avg_sq per parameter, and step
            Map<String, NDArray> byName = new HashMap<>();
            l.model().forEach(a -> byName.put(a.getName(), a));
            NDArray w = byName.get("patch_embed.proj.weight");
            assertNotNull(w, "patch_embed.proj.weight");
            assertEquals(new Shape(16, 3, 8, 8), w.getShape());
            assertArrayEquals(new float[] {0.06711247f, 0.1018719f, -0.11518214f},
                    Arrays.copyOf(w.toFloatArray(), 3));
            assertEquals(-1.1936153413189459, sum(w), 1e-5);
            assertEquals(new Shape(48, 16), byName.get("blocks.0.attn.qkv.weight").getShape());
            assertEquals(-9.976929048279999, sum(byName.get("blocks.0.attn.qkv.weight")), 1e-5);
            assertEquals(3.579120316026092, sum(byName.get("decoder_pred.weight")), 1e-5);
            assertEquals(-0.038153094006702304, sum(byName.get("cls_token")), 1e-6);
            NDArray step = l.optimizer().stream().filter(a -> a.getName().equals("step")).findFirst().orElseThrow();
            assertEquals(2, step.toLongArray()[0]);
        }
    }

    /**
     * The run folder reopens with today's config schema, the model is rebuilt from its config.conf, and
     * a fixed input with a fixed mask gives the loss this version computed (0.6615858; a wrong layout,
     * e.g. transposed or reordered qkv, moves it far more than the tolerance).
     */
    @Test
    void lossOfAFixedInputThroughTheLoadedModel() throws IOException {
        EngineSetup.start(2, 1);
        ModelSource src = ModelSource.resolve(run, List.of());
        MaeConfig cfg = src.modelConfig();
        assertEquals(32, cfg.imgSize());
        assertEquals(8, cfg.patchSize());
        assertEquals(16, cfg.embedDim());
        assertEquals(1, cfg.depth());
        assertFalse(cfg.normPixLoss());
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = src.load(m).model();
            int n = cfg.numPatches(); // 16
            float[] img = new float[3 * 32 * 32];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) Math.sin(0.01 * i);
            }
            float[] noise = new float[n];
            for (int j = 0; j < n; j++) {
                noise[j] = ((j * 7) % n) / (float) n;
            }
            NDArray imgs = m.create(FloatBuffer.wrap(img), new Shape(1, 3, 32, 32)); // (1, 3, 32, 32)
            NDArray nz = m.create(FloatBuffer.wrap(noise), new Shape(1, n)); // (1, N)
            MaskResult mr = new RandomMaskStrategy(0.5).fromNoise(nz, m); // mask (1, N), 1 = removed
            assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1}, mr.mask().toFloatArray());
            MaeOutput out = model.forwardMae(new ParameterStore(m, false), imgs, mr.idsShuffle(), mr.idsRestore(),
                    mr.mask(), mr.lenKeep(), false);
            assertEquals(0.6615858, out.loss().getFloat(), 0.6615858 * 1e-4);
        }
    }

    @Test
    void scoreCacheReadsWithItsHeaderAndEntries() throws IOException {
        CacheReader c = CacheReader.openUnchecked(cache);
        CacheHeader h = c.header();
        assertEquals(1, h.formatVersion());
        assertEquals("train", h.split());
        assertEquals("sift-only", h.scorer());
        assertEquals(14, h.gridSize());
        assertEquals(16, h.datasetImages());
        assertEquals("2b107f6cd9694d3f83ab4ea7ba143577e420e66a8de19d25638597ba1da8d7a4", h.datasetFingerprint());
        assertEquals(16, c.size());
        assertTrue(c.skipped().isEmpty());

        CacheEntry circle = c.entry("train/circle/00000.png");
        assertNotNull(circle);
        assertEquals(32, circle.width());
        assertEquals(32, circle.height());
        ImageScores s = circle.scores();
        assertEquals(3, s.numKeypoints());
        assertEquals(14 * 14, s.thetaBar().length);
        assertEquals(0.54984623f, s.keypoints()[0]); // normalised x of the first keypoint
        assertEquals(0.4414976f, s.keypoints()[1]);
        assertEquals(1.5, sum(s.thetaBar()), 1e-6); // cells holding 2 and 1 keypoints: 1 + 0.5
        assertArrayEquals(SiftDensityScorer.density(keypoints(s), 14), s.thetaBar()); // θ̄ = c_j / max c

        assertEquals(0, c.entry("train/square/00001.png").scores().numKeypoints());
        assertEquals(0.0, sum(c.entry("train/square/00001.png").scores().thetaBar()));
        assertEquals(2, c.entry("train/star/00002.png").scores().numKeypoints());
        assertEquals(2, c.entry("train/triangle/00003.png").scores().numKeypoints());
        assertNull(c.entry("train/circle/00099.png"));
    }

    @Test
    void eventFileReadsWithItsTagsAndValues() throws IOException {
        Path file = run.resolve("events.out.tfevents.1796649865.vm");
        EventFileReader.Contents contents = EventFileReader.read(file);
        assertFalse(contents.tornTail());
        assertEquals(Files.size(file), contents.validBytes());
        List<Event> events = EventFileReader.readRun(run);
        assertEquals(8, events.size());
        Set<String> tags = new TreeSet<>();
        Map<String, List<Float>> scalars = new HashMap<>();
        Map<String, List<Long>> steps = new HashMap<>();
        Summary.Image grid = null;
        String configText = null;
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                tags.add(v.getTag());
                if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
                    scalars.computeIfAbsent(v.getTag(), k -> new ArrayList<>()).add(v.getSimpleValue());
                    steps.computeIfAbsent(v.getTag(), k -> new ArrayList<>()).add(e.getStep());
                }
                if (v.getTag().equals("images/reconstruction")) {
                    grid = v.getImage();
                }
                if (v.getTag().equals("config")) {
                    configText = v.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8);
                }
            }
        }
        for (String t : List.of("train/loss", "train/lr", "train/img_per_s", "train/grad_norm", "mask/ratio",
                "train/epoch_loss", "eval/knn_top1", "images/reconstruction", "params/blocks.0",
                "param_norm/blocks.0", "train/loss_per_sample", "config", "_hparams_/experiment",
                "_hparams_/session_start_info", "_hparams_/session_end_info", "analysis/theta_KK/layer_01",
                "analysis/theta_NK/layer_01", "analysis/gap/layer_01", "analysis/focus/layer_01",
                "analysis/plots/theta_layers")) {
            assertTrue(tags.contains(t), "tag " + t + " missing from " + tags);
        }
        assertEquals(List.of(1.6459852f, 1.2138493f), scalars.get("train/loss"));
        assertEquals(List.of(0L, 500L), steps.get("train/loss")); // epoch_1000x of iterations 0 and 1 of 2
        assertEquals(List.of(1.4299173f), scalars.get("train/epoch_loss"));
        assertEquals(List.of(0.125f), scalars.get("eval/knn_top1"));
        assertEquals(List.of(0.5f, 0.5f), scalars.get("mask/ratio"));
        assertNotNull(grid);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(grid.getEncodedImageString().toByteArray()));
        assertEquals(grid.getWidth(), png.getWidth());
        assertEquals(grid.getHeight(), png.getHeight());
        assertNotNull(configText);
        assertTrue(configText.contains("embed_dim = 16"), configText);
    }

    private static List<Keypoint> keypoints(ImageScores s) {
        List<Keypoint> out = new ArrayList<>();
        for (int k = 0; k < s.numKeypoints(); k++) {
            out.add(new Keypoint(s.keypoints()[2 * k], s.keypoints()[2 * k + 1], s.sizes()[k], 0, s.responses()[k], 0,
                    1, 1));
        }
        return out;
    }

    private static double sum(NDArray a) {
        return sum(a.toFloatArray());
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
