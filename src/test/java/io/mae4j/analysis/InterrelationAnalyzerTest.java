package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.analysis.MeasureTable.Measure;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import io.mae4j.data.TransformSettings;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.report.AnalysisPlots;
import io.mae4j.sift.SiftSettings;
import io.mae4j.util.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer on a tiny random model (32 px, P = 8, N = 16, 6 layers, 2 heads) and five probe
 * images (two photos, each twice, and a flat gray image without keypoints): batching and
 * chunking do not change the numbers, the table equals {@link AttentionMeasures} applied to the
 * model's own attention, θ̄ averages the configured layers, and the report and plots are written.
 */
class InterrelationAnalyzerTest {

    static final MaeConfig CFG = new MaeConfig(32, 8, 3, 32, 6, 2, 2.0, 16, 1, 2, false);
    static NDManager manager;
    static MaeModel model;
    static ProbeSet probes;

    @BeforeAll
    static void setUp() throws Exception {
        EngineSetup.start(2, 1);
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(11);
        model = new MaeModel(CFG);
        model.initialize(manager);
        DecodedImage cat = ImageDecoder.decode(Path.of("src/test/resources/photos/chelsea.png"));
        DecodedImage small = ImageDecoder.decode(Path.of("src/test/resources/io/mae4j/data/chelsea_small.jpg"));
        byte[] gray = new byte[40 * 40 * 3];
        Arrays.fill(gray, (byte) 120);
        probes = ProbeSet.fromImages(List.of(cat, small, new DecodedImage(40, 40, gray), cat, small),
                List.of("cat", "small", "flat", "cat2", "small2"), 32, 8, TransformSettings.IMAGENET_MEAN,
                TransformSettings.IMAGENET_STD, new SiftSettings(0, 3, 0.02, 10, 1.6));
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static AnalysisSettings settings(int batch, int... layers) {
        AnalysisSettings d = AnalysisSettings.defaults();
        return new AnalysisSettings(d.gamma(), d.includeSelf(), d.clsHandling(), d.weighted(), layers, 2, 2, d.sift(),
                5, 1, batch);
    }

    @Test
    void batchingAndChunkingDoNotChangeResults() {
        AnalysisResult one = new InterrelationAnalyzer(settings(5)).analyze(model, probes, manager);
        AnalysisResult many = new InterrelationAnalyzer(settings(2)).chunkValues(1).analyze(model, probes, manager);
        for (Measure m : Measure.values()) {
            for (int b = 0; b < 5; b++) {
                for (int l = 0; l < 6; l++) {
                    for (int h = 0; h < 2; h++) {
                        assertEquals(one.raw().get(m, b, l, h), many.raw().get(m, b, l, h), 1e-6, m + " " + b);
                    }
                }
            }
        }
        for (int b = 0; b < 5; b++) {
            assertArrayEquals(one.thetaBar()[b], many.thetaBar()[b], 1e-6f);
        }
        assertEquals(6, one.numLayers());
        assertEquals(16, one.patches());
        assertNotNull(one.stages(), "6 layers, 2 per stage");
        assertEquals(3, one.trends().get("kk").coefficients().length, "trend_degree 2");
    }

    @Test
    void tableEqualsMeasuresOfTheModelsAttentionAndThetaBarAveragesChosenLayers() {
        AnalysisResult r = new InterrelationAnalyzer(settings(3, 2, 5)).analyze(model, probes, manager);
        assertEquals(0, Arrays.stream(r.keypointCounts()[2]).sum(), "the flat image has no keypoints");
        assertTrue(Arrays.stream(r.keypointCounts()[0]).sum() > 0);
        for (int l = 0; l < 6; l++) {
            assertTrue(Double.isNaN(r.raw().get(Measure.KK_WEIGHTED, 2, l, 0)), "no keypoint rows in image 2");
            assertEquals(1, r.layers().get(l).kk().excluded());
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray img = m.create(probes.images().get(0).chw(), new Shape(1, 3, 32, 32));
            NDList attn = model.encode(new ParameterStore(m, false), img, true).attention();
            float[] counts = new float[16];
            for (int j = 0; j < 16; j++) {
                counts[j] = probes.images().get(0).counts()[j];
            }
            NDArray tc = m.create(counts, new Shape(1, 16));
            double[] bar = new double[16];
            double[] cnt = new double[16];
            for (int l = 0; l < 6; l++) {
                LayerMeasures lm = AttentionMeasures.compute(attn.get(l), tc, r.settings(), false);
                for (int h = 0; h < 2; h++) {
                    assertEquals(lm.get(AttentionMeasures.KK_W, 0, h), r.raw().get(Measure.KK_WEIGHTED, 0, l, h), 1e-6);
                    assertEquals(lm.get(AttentionMeasures.FOCUS, 0, h), r.raw().get(Measure.FOCUS, 0, l, h), 1e-6);
                }
                if (l == 1 || l == 4) { // layers 2 and 5
                    for (int j = 0; j < 16; j++) {
                        bar[j] += lm.thetaSum(0, j);
                        cnt[j] += lm.thetaCount(0, j);
                    }
                }
                // the sample attention of image 0 is the head mean of the renormalised patch block
                NDArray alpha = AttentionMeasures.patchBlock(attn.get(l), ClsHandling.RENORMALISE).get(0)
                        .mean(new int[] {0});
                assertArrayEquals(alpha.toFloatArray(), r.sampleAttention()[l], 1e-6f);
            }
            for (int j = 0; j < 16; j++) {
                assertEquals(bar[j] / cnt[j], r.thetaBar()[0][j], 1e-6);
            }
        }
        // the layer summary is the image mean of head means
        double sum = 0;
        int n = 0;
        for (int b = 0; b < 5; b++) {
            double v = r.raw().headMean(Measure.NK_WEIGHTED, b, 3);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        assertEquals(sum / n, r.layers().get(3).nk().mean(), 1e-12);
        assertEquals(1 - sum / n, r.layers().get(3).nn().mean(), 1e-12);
    }

    @Test
    void writesReportAndPlots(@TempDir Path dir) throws Exception {
        AnalysisResult r = new InterrelationAnalyzer(settings(5)).analyze(model, probes, manager);
        AnalysisReport.write(r, Map.of("checkpoint", "random init"), dir);
        List<Path> pngs = AnalysisPlots.writeAll(r, dir);
        assertEquals(4, pngs.size());
        for (Path p : pngs) {
            assertTrue(Files.size(p) > 1000, p + " is a real PNG");
        }
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
        assertEquals("random init", json.get("checkpoint").getAsString());
        assertEquals(6, json.getAsJsonArray("per_layer").size());
        JsonObject layer1 = json.getAsJsonArray("per_layer").get(0).getAsJsonObject();
        assertEquals(r.layers().get(0).kk().mean(), layer1.getAsJsonObject("theta_KK").get("mean").getAsDouble(), 1e-12);
        assertTrue(layer1.getAsJsonObject("wilcoxon_KK_vs_NK").has("rank_biserial"));
        // 6 layers, two per stage at least: one split, so no verdict on the signature
        assertFalse(json.getAsJsonObject("stages").get("identifiable").getAsBoolean());
        assertFalse(json.getAsJsonObject("stages").has("signature_holds"));
        assertTrue(json.getAsJsonObject("stages").get("verdict").getAsString().startsWith("stages not identifiable at depth 6"));
        assertEquals(7, Files.readAllLines(dir.resolve("per_layer.csv")).size());
        assertEquals(1 + 6 * 2, Files.readAllLines(dir.resolve("per_head.csv")).size());
        assertEquals(1 + 5 * 16, Files.readAllLines(dir.resolve("theta_bar.csv")).size());
        Map<String, Double> scalars = r.scalars();
        assertEquals(r.layers().get(0).kk().mean(), scalars.get("analysis/theta_KK/layer_01"), 0);
        assertEquals(r.layers().get(5).focusNormalised().mean(), scalars.get("analysis/focus_norm/layer_06"), 0);
        assertEquals(3.0, scalars.get("analysis/stage_boundary_1"), "6 layers, 2 per stage");
        assertEquals(5.0, scalars.get("analysis/stage_boundary_2"));
        assertEquals(5 * 6 + 2, scalars.size(), "no analysis/signature_holds: stages not identifiable at depth 6");
        Map<String, io.mae4j.data.DecodedImage> images = AnalysisPlots.images(r);
        assertEquals(List.of("theta_layers", "focus_layers", "stages", "heatmaps"), List.copyOf(images.keySet()));
        assertEquals(900, images.get("theta_layers").width());
        if (System.getenv("MAE4J_KEEP_PLOTS") != null) { // to look at them: MAE4J_KEEP_PLOTS=1 mvn test ...
            for (Path p : pngs) {
                Files.copy(p, Path.of("/tmp").resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void rejectsProbesOfAnotherSize() {
        ProbeSet other = new ProbeSet(64, 8, List.of(new ProbeImage("x", probes.images().get(0).input(),
                new float[3 * 64 * 64], List.of(), new int[64])));
        assertThrows(IllegalArgumentException.class,
                () -> new InterrelationAnalyzer(settings(5)).analyze(model, other, manager));
        assertThrows(IllegalArgumentException.class, () -> settings(5, 7).thetaBarLayers(6));
    }
}
