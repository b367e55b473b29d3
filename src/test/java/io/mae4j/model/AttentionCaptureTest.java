package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-layer attention probabilities of the unmasked encoder. */
class AttentionCaptureTest {

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    @Test
    void capturesOneSoftmaxPerLayerWithoutChangingTheForward() {
        MaeConfig cfg = TestSupport.TINY; // depth 2, 2 heads, N = 16
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(cfg, m, 21);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray imgs = m.randomNormal(new Shape(3, 3, 16, 16));
            NDList mask = TestSupport.randomMask(m, 3, 16, 4);
            float lossBefore = model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 4, true).loss().getFloat();

            EncoderOutput plain = model.encode(ps, imgs, false);
            EncoderOutput captured = model.encode(ps, imgs, true);
            assertTrue(plain.attention().isEmpty());
            assertEquals(0f, TestSupport.maxAbsDiff(plain.tokens(), captured.tokens()));
            assertEquals(new Shape(3, 17, 16), captured.tokens().getShape());
            assertEquals(cfg.depth(), captured.attention().size());
            for (NDArray attn : captured.attention()) {
                assertEquals(new Shape(3, cfg.numHeads(), 17, 17), attn.getShape());
                assertFalse(attn.hasGradient(), "captured attention must be detached");
                NDArray rowSums = attn.sum(new int[] {-1});
                assertTrue(TestSupport.maxAbsDiff(rowSums, m.ones(rowSums.getShape())) < 1e-5, "rows sum to 1");
                assertTrue(attn.min().getFloat() >= 0f);
            }
            // different layers attend differently
            assertTrue(TestSupport.maxAbsDiff(captured.attention().get(0), captured.attention().get(1)) > 1e-4);

            float lossAfter = model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 4, true).loss().getFloat();
            assertEquals(lossBefore, lossAfter);
        }
    }

    @Test
    void standaloneAttentionMatchesTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            SelfAttention attn = new SelfAttention(8, 2);
            attn.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 5, 8));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 5, 8));
            NDList out = attn.forward(ps, x, false, true);
            // recompute head 1 by hand: q, k, v are columns [0,8), [8,16), [16,24) of qkv, head 1 = cols 4..8
            NDArray w = attn.getParameters().get("01qkv_weight").getArray(); // (24, 8)
            NDArray b = attn.getParameters().get("01qkv_bias").getArray(); // (24)
            NDArray qkv = x.matMul(w.transpose()).add(b); // (2, 5, 24)
            NDArray q = qkv.get(":, :, 4:8");
            NDArray k = qkv.get(":, :, 12:16");
            NDArray expected = q.matMul(k.transpose(0, 2, 1)).div(2f).softmax(-1); // Dh = 4 → scale 1/2
            assertTrue(TestSupport.maxAbsDiff(out.get(1).get(":, 1, :, :"), expected) < 1e-5);
            assertEquals(new Shape(2, 5, 8), out.get(0).getShape());
        }
    }
}
