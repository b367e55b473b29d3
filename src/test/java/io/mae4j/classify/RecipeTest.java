package io.mae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.mae4j.NdTestBase;
import io.mae4j.optim.AdamW;
import io.mae4j.optim.ParamEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the MAE classifier recipes, pinned by hand-computed cases. */
class RecipeTest extends NdTestBase {

    @Test
    void batchNormWithoutAffineNormalisesAndTracksRunningStatistics() {
        BatchNormNoAffine bn = new BatchNormNoAffine(2, manager);
        NDArray x = manager.create(new float[] {1, 2, 3, 6}, new Shape(2, 2));
        // batch mean (2, 4), biased var (1, 4): y = ±1 in both columns
        float[] y = bn.forward(x, true).toFloatArray();
        assertArrayEquals(new float[] {-1, -1, 1, 1}, y, 1e-5f);
        // running mean 0.9·0 + 0.1·(2, 4); running var 0.9·1 + 0.1·(unbiased 2, 8)
        assertArrayEquals(new float[] {0.2f, 0.4f}, bn.runningMean().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1.1f, 1.7f}, bn.runningVar().toFloatArray(), 1e-6f);
        // inference uses the running statistics: (1.2 − 0.2) / sqrt(1.1 + 1e-6), (0.4 − 0.4) / ...
        float[] z = bn.forward(manager.create(new float[] {1.2f, 0.4f}, new Shape(1, 2)), false).toFloatArray();
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(1.1 + 1e-6)), 0}, z, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> bn.forward(manager.create(new float[] {1, 2}, new Shape(1, 2)), true));
        // it is no parameter: the probe head trains the Linear layer only
        ClassifierHead head = new ClassifierHead(HeadKind.LINPROBE, PoolFeature.CLS, 4, 3);
        head.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4));
        assertEquals(List.of("head.1.weight", "head.1.bias"), List.copyOf(head.officialParameters().keySet()));
        assertEquals(2, head.getParameters().size());
    }

    @Test
    void layerWiseLrScalesForADepthTwoModel() {
        double d = 0.75; // depth 2: ids 0 (embeddings), 1, 2 (blocks), 3 (norm, fc_norm, head); scale = d^(3 − id)
        assertEquals(0.421875, LayerDecay.scale("cls_token", 2, d), 0);
        assertEquals(0.421875, LayerDecay.scale("pos_embed", 2, d), 0);
        assertEquals(0.421875, LayerDecay.scale("patch_embed.proj.weight", 2, d), 0);
        assertEquals(0.5625, LayerDecay.scale("blocks.0.attn.qkv.weight", 2, d), 0);
        assertEquals(0.75, LayerDecay.scale("blocks.1.norm2.bias", 2, d), 0);
        assertEquals(1.0, LayerDecay.scale("norm.weight", 2, d), 0);
        assertEquals(1.0, LayerDecay.scale("fc_norm.bias", 2, d), 0);
        assertEquals(1.0, LayerDecay.scale("head.weight", 2, d), 0);
        assertEquals(12, LayerDecay.layerId("blocks.11.mlp.fc1.weight", 12)); // the whole block number
        assertEquals(13, LayerDecay.layerId("head.weight", 12));
        assertThrows(IllegalArgumentException.class, () -> LayerDecay.entries(Map.of(), 2, 1.5));
    }

    @Test
    void fineTuneEntriesCarryScalesAndNoDecayGroups() {
        Classifier c = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.MEAN, manager);
        Map<String, ParamEntry> e = new LinkedHashMap<>();
        for (ParamEntry p : LayerDecay.entries(c.trainableParameters(), 2, 0.75)) {
            e.put(p.name(), p);
        }
        assertEquals(0.421875, e.get("cls_token").lrScale(), 0);
        assertEquals(0.5625, e.get("blocks.0.mlp.fc1.weight").lrScale(), 0);
        assertEquals(1.0, e.get("head.weight").lrScale(), 0);
        for (String decays : List.of("patch_embed.proj.weight", "blocks.0.attn.qkv.weight", "blocks.1.mlp.fc2.weight",
                "head.weight")) {
            assertTrue(e.get(decays).decay(), decays);
        }
        for (String noDecay : List.of("cls_token", "patch_embed.proj.bias", "blocks.0.norm1.weight", "blocks.0.attn.qkv.bias",
                "fc_norm.weight", "fc_norm.bias", "head.bias")) {
            assertFalse(e.get(noDecay).decay(), noDecay);
        }
    }

    @Test
    void adamWAppliesTheLrScaleToStepAndDecay() {
        // first AdamW step: m̂ / sqrt(v̂) = sign(g), so p ← p·(1 − lr·s·wd) − lr·s·sign(g) (eps negligible)
        Parameter a = param("a", 1f, 2f);
        Parameter b = param("b", 1f, 2f);
        try (AdamW opt = new AdamW(List.of(new ParamEntry("a", a, true, 0.5), new ParamEntry("b", b, true)), 0.1, 0.9,
                0.999, 1e-8)) {
            setGradients(a, 3f);
            setGradients(b, 3f);
            opt.step(0.2);
            // a: lr·s = 0.1 → 1 · (1 − 0.1 · 0.1) − 0.1 = 0.89 ; b: lr = 0.2 → 1 · (1 − 0.2 · 0.1) − 0.2 = 0.78
            assertArrayEquals(new float[] {0.89f, 1.98f - 0.1f}, a.getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.78f, 1.96f - 0.2f}, b.getArray().toFloatArray(), 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> new ParamEntry("x", a, true, 0));
    }

    @Test
    void smoothedCrossEntropyAndTopKByHand() {
        // logits (0, ln 3): log-softmax (ln ¼, ln ¾); label 0, ε = 0.2 → q = (0.9, 0.1)
        NDArray z = manager.create(new float[] {0, (float) Math.log(3)}, new Shape(1, 2));
        double expected = -(0.9 * Math.log(0.25) + 0.1 * Math.log(0.75));
        assertEquals(expected, SmoothedCrossEntropy.loss(z, new int[] {0}, 0.2).getFloat(), 1e-5);
        assertEquals(-Math.log(0.75), SmoothedCrossEntropy.loss(z, new int[] {1}, 0).getFloat(), 1e-6);
        float[] logits = {0.1f, 0.5f, 0.2f, /* row 2 */ 3f, 1f, 2f};
        assertEquals(1, SmoothedCrossEntropy.hits(logits, 3, new int[] {1, 2}, 1)); // row 1 ranks 2 second
        assertEquals(2, SmoothedCrossEntropy.hits(logits, 3, new int[] {1, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> SmoothedCrossEntropy.loss(z, new int[] {2}, 0));
    }

    private Parameter param(String name, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray a = manager.create(values, new Shape(values.length));
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    /** Backward of sum(g · p): every gradient element becomes g. */
    private void setGradients(Parameter p, float g) {
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().mul(g).sum());
        }
    }
}
