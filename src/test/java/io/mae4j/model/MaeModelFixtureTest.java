package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Numeric equivalence with the official MAE. The fixture {@code fixtures/mae_tiny.npz} was made by
 * {@code src/test/python/make_mae_fixture.py} (torch 1.13, a plain-torch restatement of {@code
 * models_mae.py} with timm 0.3.2 blocks, forward in float64): img 32, patch 8, width 32, depth 2,
 * 2 heads, mlp 4, decoder 16/1/2, batch 2, mask ratio 0.75, random non-trivial weights.
 */
class MaeModelFixtureTest {

    private static final int LEN_KEEP = 4;

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    @Test
    void officialNamesAndShapesMatchTheStateDict() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> fx = OfficialWeights.byName(TestSupport.fixture(m));
            MaeModel model = TestSupport.model(TestSupport.FIXTURE_CFG, m, 1);
            LinkedHashMap<String, Parameter> params = model.officialParameters();
            List<String> stateDictParams = new ArrayList<>();
            for (String k : fx.keySet()) {
                if (k.equals("imgs")) {
                    break; // the script saves the state dict first, then the inputs and outputs
                }
                if (!OfficialWeights.CONSTANT_NAMES.contains(k)) {
                    stateDictParams.add(k);
                }
            }
            assertEquals(stateDictParams, new ArrayList<>(params.keySet()));
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                assertEquals(fx.get(e.getKey()).getShape(), e.getValue().getArray().getShape(), e.getKey());
            }
            assertTrue(TestSupport.maxAbsDiff(fx.get("pos_embed"), model.positionEmbedding()) < 1e-6);
            assertTrue(TestSupport.maxAbsDiff(fx.get("decoder_pos_embed"), model.decoderPositionEmbedding()) < 1e-6);
        }
    }

    @Test
    void forwardMatchesOfficialMae() {
        for (boolean normPix : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> fx = OfficialWeights.byName(TestSupport.fixture(m));
                MaeModel model = loaded(m, fx, normPix);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray latent = model.encodeMasked(ps, fx.get("imgs"), fx.get("ids_shuffle"), LEN_KEEP, false);
                assertTrue(TestSupport.maxAbsDiff(latent, fx.get("latent")) < 1e-4, "latent");
                MaeOutput out = model.forwardMae(ps, fx.get("imgs"), fx.get("ids_shuffle"), fx.get("ids_restore"),
                        fx.get("mask"), LEN_KEEP, false);
                String suffix = normPix ? "_npl" : "";
                float expected = fx.get("loss" + suffix).getFloat();
                assertEquals(expected, out.loss().getFloat(), 1e-5 * Math.abs(expected), "loss" + suffix);
                assertTrue(TestSupport.maxAbsDiff(out.pred(), fx.get("pred")) < 1e-4, "pred");
                assertArrayEquals(fx.get("loss_per_sample" + suffix).toFloatArray(),
                        out.perSampleLoss().toFloatArray(), 1e-5f * Math.abs(expected));
            }
        }
    }

    @Test
    void unmaskedEncoderAndAttentionMatchOfficialMae() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> fx = OfficialWeights.byName(TestSupport.fixture(m));
            MaeModel model = loaded(m, fx, false);
            EncoderOutput out = model.encode(new ParameterStore(m, false), fx.get("imgs"), true);
            assertTrue(TestSupport.maxAbsDiff(out.tokens(), fx.get("latent_full")) < 1e-4, "latent_full");
            assertEquals(2, out.attention().size());
            assertTrue(TestSupport.maxAbsDiff(out.attention().get(0), fx.get("attn_full_0")) < 1e-5, "attn layer 0");
        }
    }

    @Test
    void forwardThroughTheNdListInterfaceMatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> fx = OfficialWeights.byName(TestSupport.fixture(m));
            MaeModel model = loaded(m, fx, false);
            NDList out = model.forward(new ParameterStore(m, false),
                    new NDList(fx.get("imgs"), fx.get("ids_shuffle"), fx.get("ids_restore"), fx.get("mask")), false);
            assertEquals(fx.get("loss").getFloat(), out.get(0).getFloat(), 1e-5f * fx.get("loss").getFloat());
            assertTrue(TestSupport.maxAbsDiff(out.get(2), fx.get("pred")) < 1e-4);
        }
    }

    private static MaeModel loaded(NDManager m, Map<String, NDArray> fx, boolean normPix) {
        MaeConfig c = TestSupport.FIXTURE_CFG;
        MaeConfig cfg = new MaeConfig(c.imgSize(), c.patchSize(), c.inChans(), c.embedDim(), c.depth(), c.numHeads(),
                c.mlpRatio(), c.decoderEmbedDim(), c.decoderDepth(), c.decoderNumHeads(), normPix);
        MaeModel model = TestSupport.model(cfg, m, 2);
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (String name : model.officialParameters().keySet()) {
            state.put(name, fx.get(name));
        }
        for (String name : OfficialWeights.CONSTANT_NAMES) {
            state.put(name, fx.get(name));
        }
        OfficialWeights.load(model, state);
        return model;
    }
}
