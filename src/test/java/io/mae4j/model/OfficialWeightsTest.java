package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Official-name export/import and DJL save/load round trips. */
class OfficialWeightsTest {

    private static final MaeConfig CFG = TestSupport.TINY;

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    private static float[] predict(MaeModel model, NDManager m, NDArray imgs, NDList mask) {
        return model.forwardMae(new ParameterStore(m, false), imgs, mask.get(0), mask.get(1), mask.get(2), 4, false)
                .pred().toFloatArray();
    }

    @Test
    void npzExportLoadsIntoAFreshModel() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel source = TestSupport.model(CFG, m, 61);
            NDArray imgs = m.randomNormal(new Shape(2, 3, 16, 16));
            NDList mask = TestSupport.randomMask(m, 2, 16, 4);
            NDList exported = OfficialWeights.export(source, m);
            assertEquals("cls_token", exported.get(0).getName());
            assertEquals("pos_embed", exported.get(1).getName());
            assertEquals("mask_token", exported.get(2).getName());
            assertEquals("decoder_pos_embed", exported.get(3).getName());
            assertEquals(source.officialParameters().size() + 2, exported.size());

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            exported.encode(bytes, NDList.Encoding.NPZ);
            NDList decoded = NDList.decode(m, new ByteArrayInputStream(bytes.toByteArray()));
            MaeModel target = TestSupport.model(CFG, m, 62);
            float before = TestSupport.maxAbsDiff(m.create(predict(source, m, imgs, mask)), m.create(predict(target, m, imgs, mask)));
            assertTrue(before > 1e-3, "differently seeded models must differ");
            OfficialWeights.load(target, OfficialWeights.byName(decoded));
            assertEquals(0f, TestSupport.maxAbsDiff(m.create(predict(source, m, imgs, mask)), m.create(predict(target, m, imgs, mask))));
            assertTrue(target.officialParameters().get("blocks.1.mlp.fc2.weight").getArray().hasGradient(),
                    "loaded parameters stay trainable");
        }
    }

    @Test
    void rejectsStateDictsThatDoNotFit() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(CFG, m, 63);
            Map<String, NDArray> good = OfficialWeights.byName(OfficialWeights.export(model, m));

            Map<String, NDArray> missing = new LinkedHashMap<>(good);
            missing.remove("decoder_pred.bias");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficialWeights.load(model, missing))
                    .getMessage().contains("decoder_pred.bias"));

            Map<String, NDArray> extra = new LinkedHashMap<>(good);
            extra.put("blocks.2.norm1.weight", m.ones(new Shape(16)));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficialWeights.load(model, extra))
                    .getMessage().contains("blocks.2.norm1.weight"));

            Map<String, NDArray> wrongShape = new LinkedHashMap<>(good);
            wrongShape.put("blocks.0.attn.qkv.weight", m.zeros(new Shape(16, 48)));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficialWeights.load(model, wrongShape))
                    .getMessage().contains("(48, 16)"));

            Map<String, NDArray> learnedPos = new LinkedHashMap<>(good);
            learnedPos.put("pos_embed", model.positionEmbedding().add(0.1f));
            assertThrows(IllegalArgumentException.class, () -> OfficialWeights.load(model, learnedPos));

            NDArray unnamed = m.zeros(new Shape(2));
            assertThrows(IllegalArgumentException.class, () -> OfficialWeights.byName(new NDList(unnamed)));
        }
    }

    /** Model.load does not initialise blocks; the position tables must come back anyway. */
    @Test
    void djlSaveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager();
                Model saved = Model.newInstance("mae");
                Model loaded = Model.newInstance("mae")) {
            NDArray imgs = m.randomNormal(new Shape(2, 3, 16, 16));
            NDList mask = TestSupport.randomMask(m, 2, 16, 4);
            MaeModel original = new MaeModel(CFG);
            saved.setBlock(original);
            original.initialize(saved.getNDManager());
            saved.setProperty("Epoch", "0");
            saved.save(dir, "mae");
            assertTrue(Files.exists(dir.resolve("mae-0000.params")));

            MaeModel restored = new MaeModel(CFG);
            loaded.setBlock(restored);
            loaded.load(dir, "mae");
            assertEquals(0f, TestSupport.maxAbsDiff(original.decoderPositionEmbedding(), restored.decoderPositionEmbedding()));
            assertEquals(0f, TestSupport.maxAbsDiff(
                    m.create(predict(original, m, imgs, mask)), m.create(predict(restored, m, imgs, mask))));
        }
    }
}
