package io.mae4j.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mae4j.config.ConfigComposer;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.mask.ImageScores;
import io.mae4j.model.MaeModel;
import io.mae4j.model.io.WeightExporter;
import io.mae4j.sift.SiftSettings;
import io.mae4j.run.ModelSettings;
import io.mae4j.run.ModelSource;
import io.mae4j.util.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights-file scorer on the tiny preset (64 px, 8 px patches → 8×8 grid) and 4 synthetic 48 px images. */
class ModelScorerTest {

    @TempDir
    Path tmp;

    @Test
    void scoresTheWholeImageOnTheModelGridAndRefusesChangedWeights() throws Exception {
        EngineSetup.start(2, 1);
        Path weights = tmp.resolve("tiny.npz");
        List<String> args = List.of("model=vit_tiny_p8_64");
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            MaeModel model = new MaeModel(ModelSettings.from(ConfigComposer.locate().compose(args).config()
                    .getConfig("model")));
            model.initialize(m);
            WeightExporter.export(model.officialParameters(), Map.of("pos_embed", model.positionEmbedding(),
                    "decoder_pos_embed", model.decoderPositionEmbedding()), weights);
        }
        Path data = tmp.resolve("synth");
        new SyntheticDataset(new SynthSpec(2, 2, 1, 48, false, 4)).generate(data);
        ImageFolderDataset ds = ImageFolderDataset.open(data, "train");
        CacheSettings s = new CacheSettings("", "train", weights.toString(), 8, 2, 3, SiftSettings.OPENCV_DEFAULTS, 64);
        Path file = tmp.resolve("model.sqlite");
        try (ModelScorer scorer = ModelScorer.open(ModelSource.resolve(weights, args), ai.djl.Device.cpu())) {
            assertEquals(8, scorer.gridSize());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(weights)));
            assertTrue(scorer.fingerprint().contains("sha256=" + sha), scorer.fingerprint());
            assertTrue(scorer.fingerprint().contains("size=" + Files.size(weights)), scorer.fingerprint());
            assertEquals("model-tiny", scorer.name());
            BuildResult r = new CacheBuilder(ds, scorer, s).build(file, "mae4j cache build scorer=" + weights,
                    BuildProgress.silent());
            assertEquals(4, r.written());
            CacheReader reader = CacheReader.open(file, ds, scorer, s);
            int defined = 0;
            for (int i = 0; i < ds.size(); i++) {
                ImageScores sc = reader.scores(ds.path(i));
                assertEquals(64, sc.thetaBar().length);
                for (float v : sc.thetaBar()) {
                    if (!Float.isNaN(v)) {
                        assertTrue(v >= 0 && v <= 1, "θ̄ " + v);
                        defined++;
                    }
                }
            }
            assertTrue(defined > 0, "some θ̄ must be defined");
            CacheSettings wrongGrid = new CacheSettings("", "train", weights.toString(), 14, 2, 3,
                    SiftSettings.OPENCV_DEFAULTS, 64);
            assertThrows(IllegalArgumentException.class,
                    () -> new CacheBuilder(ds, scorer, wrongGrid).build(tmp.resolve("g.sqlite"), "", BuildProgress.silent()));
        }
        // the same through the command line: model= shapes the weights, the grid comes from the model
        Path cli = tmp.resolve("cli.sqlite");
        assertEquals(0, io.mae4j.cli.Main.execute("cache", "build", "data.root=" + data, "split=train",
                "scorer=" + weights, "model=vit_tiny_p8_64", "cache=" + cli));
        CacheReader viaCli = CacheReader.openUnchecked(cli);
        assertEquals(4, viaCli.size());
        assertEquals(8, viaCli.header().gridSize());
        // other weights in the same file: the cache is refused with the recorded rebuild command
        Files.write(weights, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        String newFingerprint = ModelScorer.fingerprint(weights, io.mae4j.analysis.AnalysisSettings.defaults(),
                ModelSettings.from(ConfigComposer.locate().compose(args).config().getConfig("model")),
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
        Scorer changed = new Scorer() {
            @Override
            public String name() {
                return "model-tiny";
            }

            @Override
            public String fingerprint() {
                return newFingerprint;
            }

            @Override
            public Prepared prepare(io.mae4j.data.DecodedImage i, List<io.mae4j.sift.Keypoint> k, int g) {
                throw new AssertionError("not called");
            }
        };
        StaleCacheException e = assertThrows(StaleCacheException.class, () -> CacheReader.open(file, ds, changed, s));
        assertTrue(e.getMessage().contains("scorer") && e.getMessage().contains("mae4j cache build scorer=" + weights),
                e.getMessage());
    }
}
