package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import io.mae4j.util.EngineSetup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applies wrapped_checkpoint.pth (TinyMae, 'module.' prefixes) and in-memory dicts to parameter maps. */
class WeightImporterTest {

    private NDManager m;
    private StateDict ckpt;

    @BeforeAll
    static void engine() {
        EngineSetup.start(2, 1);
    }

    @BeforeEach
    void setUp() throws Exception {
        m = NDManager.newBaseManager();
        ckpt = WeightFiles.read(Fixtures.path("wrapped_checkpoint.pth"));
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    @Test
    void loadsValuesAndReportsMissingDecoderAndMatchingPosEmbed() {
        LinkedHashMap<String, Parameter> params = TinyParams.zeros(m);
        NDArray before = params.get("blocks.0.qkv.weight").getArray();
        ImportReport r = WeightImporter.apply(params, ckpt, ImportOptions.builder()
                .optFixedTables(Map.of("pos_embed", TinyParams.fixturePosEmbed(m))).build());

        assertEquals(11, r.loaded().size());
        assertEquals(List.of("mask_token"), r.missing());
        assertEquals(List.of(), r.unexpected());
        assertEquals(List.of("pos_embed"), List.copyOf(r.skipped().keySet()));
        assertTrue(r.skipped().get("pos_embed").contains("matches"), r.skipped().toString());
        assertEquals(List.of(), r.warnings());
        assertEquals(CheckpointKind.MAE_WITH_DECODER, r.kind());
        // values: file tensor #6 (blocks.0.qkv.weight) = arange(48) * 0.01 + 6, now in the parameter
        float[] qkv = params.get("blocks.0.qkv.weight").getArray().toFloatArray();
        for (int k = 0; k < qkv.length; k++) {
            assertEquals(k * 0.01f + 6, qkv[k], 0f);
        }
        assertSame(before, params.get("blocks.0.qkv.weight").getArray()); // copied in place
        assertArrayEquals(new float[4], params.get("mask_token").getArray().toFloatArray()); // untouched
    }

    @Test
    void shapeMismatchNamesParameterAndBothShapesAndLoadsNothing() {
        LinkedHashMap<String, Parameter> params = TinyParams.zeros(m);
        params.remove("blocks.0.qkv.weight");
        TinyParams.add(params, m, "blocks.0.qkv.weight", 4, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightImporter.apply(params, ckpt, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("blocks.0.qkv.weight: model (4, 12) vs file (12, 4)"), e.getMessage());
        assertArrayEquals(new float[4], params.get("cls_token").getArray().toFloatArray());
    }

    @Test
    void strictFailsOnMissingEncoderKeysEvenWhenEncoderOnly() {
        LinkedHashMap<String, Parameter> params = TinyParams.zeros(m);
        TinyParams.add(params, m, "blocks.1.norm1.weight", 4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeightImporter.apply(params, ckpt,
                ImportOptions.builder().optStrict(true).optEncoderOnly(true).build()));
        assertTrue(e.getMessage().contains("1 encoder parameters missing [blocks.1.norm1.weight]"), e.getMessage());
        assertArrayEquals(new float[4], params.get("cls_token").getArray().toFloatArray());
    }

    @Test
    void strictAllowsMissingDecoderOnlyWhenEncoderOnly() {
        StateDict encoderOnly = new StateDict("mae_pretrain_vit_tiny.pth");
        ckpt.forEach(e -> {
            if (!e.getKey().contains("decoder_")) {
                encoderOnly.put(e.getKey(), e.getValue());
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeightImporter.apply(
                TinyParams.zeros(m), encoderOnly, ImportOptions.builder().optStrict(true).build()));
        assertTrue(e.getMessage().contains("3 decoder parameters missing") && e.getMessage().contains("encoderOnly"),
                e.getMessage());

        ImportReport r = WeightImporter.apply(TinyParams.zeros(m), encoderOnly,
                ImportOptions.builder().optStrict(true).optEncoderOnly(true).build());
        assertEquals(CheckpointKind.MAE_ENCODER_ONLY, r.kind());
        assertEquals(List.of("mask_token", "decoder_embed.weight", "decoder_embed.bias"), r.missing());
        assertEquals(9, r.loaded().size());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("3 decoder parameters are not in the file")), r.notes().toString());
    }

    @Test
    void timmExtrasAreSkippedAndUnknownNamesUnexpected() {
        StateDict sd = new StateDict("vit_tiny_timm.pth");
        sd.put("module.cls_token", new TensorData(new long[] {1, 1, 4}, new float[] {1, 2, 3, 4}));
        sd.put("module.head.weight", new TensorData(new long[] {10, 4}, new float[40]));
        sd.put("module.head.bias", new TensorData(new long[] {10}, new float[10]));
        sd.put("module.fc_norm.weight", new TensorData(new long[] {4}, new float[4]));
        sd.put("module.pre_logits.fc.weight", new TensorData(new long[] {4, 4}, new float[16]));
        sd.put("module.dist_token", new TensorData(new long[] {1, 1, 4}, new float[4]));
        LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
        TinyParams.add(params, m, "cls_token", 1, 1, 4);
        ImportReport r = WeightImporter.apply(params, sd, ImportOptions.defaults());
        assertEquals("loaded 1, missing 0, unexpected 1, skipped 4, warnings 0", r.summary());
        assertEquals(List.of("dist_token"), r.unexpected());
        assertEquals(List.of("module.head.weight", "module.head.bias", "module.fc_norm.weight", "module.pre_logits.fc.weight"),
                List.copyOf(r.skipped().keySet()));
        assertEquals(CheckpointKind.TIMM_CLASSIFIER, r.kind());
        assertArrayEquals(new float[] {1, 2, 3, 4}, params.get("cls_token").getArray().toFloatArray());
        assertThrows(IllegalStateException.class, () -> WeightImporter.apply(params, sd,
                ImportOptions.builder().optStrict(true).optEncoderOnly(true).build())); // dist_token is unexpected
        String printed = r.toString();
        assertTrue(printed.contains("unexpected (ignored):\n    dist_token") && printed.contains("module.head.bias: classification head"),
                printed);
    }

    @Test
    void posEmbedBeyondToleranceWarnsAndOtherResolutionIsSkipped() {
        StateDict sd = new StateDict("f.pth");
        float[] v = new float[20];
        v[7] = 2e-4f;
        sd.put("pos_embed", new TensorData(new long[] {1, 5, 4}, v));
        sd.put("decoder_pos_embed", new TensorData(new long[] {1, 17, 4}, new float[68]));
        Map<String, NDArray> tables = Map.of("pos_embed", m.zeros(new Shape(1, 5, 4)),
                "decoder_pos_embed", m.zeros(new Shape(1, 5, 4)));
        ImportReport r = WeightImporter.apply(new LinkedHashMap<>(), sd,
                ImportOptions.builder().optFixedTables(tables).build());
        assertEquals(2, r.skipped().size());
        assertEquals(2, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("pos_embed in f.pth differs from the model's fixed sin-cos table"), r.warnings().get(0));
        assertTrue(r.skipped().get("decoder_pos_embed").contains("f.pth has 17 positions, the model 5; interpolation is not supported"),
                r.skipped().get("decoder_pos_embed"));

        v[7] = 5e-5f; // within 1e-4
        ImportReport ok = WeightImporter.apply(new LinkedHashMap<>(), sd, ImportOptions.builder()
                .optFixedTables(Map.of("pos_embed", m.zeros(new Shape(5, 4)))).build());
        assertEquals(List.of(), ok.warnings());
        assertTrue(ok.skipped().get("decoder_pos_embed").contains("no table given"));
    }

    @Test
    void gradientStaysAttachedAfterImport() {
        LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
        TinyParams.add(params, m, "norm.weight", 4);
        NDArray w = params.get("norm.weight").getArray();
        w.setRequiresGradient(true);
        StateDict sd = new StateDict().put("norm.weight", new TensorData(new long[] {4}, new float[] {1, 2, 3, 4}));
        WeightImporter.apply(params, sd, ImportOptions.defaults());
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = w.mul(w).sum(); // d/dw = 2w
            gc.backward(loss);
        }
        assertArrayEquals(new float[] {2, 4, 6, 8}, w.getGradient().toFloatArray());
    }

    @Test
    void uninitialisedParameterIsReported() {
        Map<String, Parameter> params = Map.of("norm.weight",
                Parameter.builder().setName("norm.weight").setType(Parameter.Type.GAMMA).optShape(new Shape(4)).build());
        StateDict sd = new StateDict().put("norm.weight", new TensorData(new long[] {4}, new float[4]));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WeightImporter.apply(params, sd, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("'norm.weight' is not initialised"), e.getMessage());
    }
}
