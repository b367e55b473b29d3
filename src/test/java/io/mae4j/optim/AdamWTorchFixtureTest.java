package io.mae4j.optim;

import static io.mae4j.optim.GradTestSupport.addGrads;
import static io.mae4j.optim.GradTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.util.EngineSetup;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares AdamW + clipGradNorm with {@code torch.optim.AdamW} + {@code clip_grad_norm_} on the
 * fixture {@code train/adamw_torch.json}, written by {@code src/test/python/adamw_fixture.py}
 * (torch 1.13): a (3, 4) weight in the decay group (wd 0.05), a (4) bias without decay, betas
 * (0.9, 0.95), four steps with given gradients, clipping to norm 1 and changing learning rates.
 */
class AdamWTorchFixtureTest {

    @BeforeAll
    static void engine() {
        EngineSetup.start(2, 1);
    }

    @Test
    void matchesTorchAdamWWithClipping() throws Exception {
        JsonObject f;
        try (Reader r = new InputStreamReader(
                AdamWTorchFixtureTest.class.getResourceAsStream("/train/adamw_torch.json"), StandardCharsets.UTF_8)) {
            f = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonArray betas = f.getAsJsonArray("betas");
        JsonArray lrs = f.getAsJsonArray("lrs");
        JsonArray grads = f.getAsJsonArray("grads");
        JsonArray norms = f.getAsJsonArray("norms_before_clip");
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = param(m, "w", floats(f.getAsJsonObject("init"), "weight"), new Shape(3, 4));
            Parameter b = param(m, "b", floats(f.getAsJsonObject("init"), "bias"), new Shape(4));
            List<ParamEntry> entries = List.of(ParamEntry.of("blocks.0.mlp.fc1.weight", w),
                    ParamEntry.of("blocks.0.mlp.fc1.bias", b));
            try (AdamW opt = new AdamW(entries, f.get("weight_decay").getAsDouble(), betas.get(0).getAsDouble(),
                    betas.get(1).getAsDouble(), f.get("eps").getAsDouble())) {
                for (int s = 0; s < lrs.size(); s++) {
                    JsonObject g = grads.get(s).getAsJsonObject();
                    addGrads(new Parameter[] {w, b}, new float[][] {floats(g, "weight"), floats(g, "bias")});
                    double norm = opt.clipGradNorm(f.get("max_norm").getAsDouble());
                    assertEquals(norms.get(s).getAsDouble(), norm, 1e-5, "norm before clipping, step " + (s + 1));
                    opt.step(lrs.get(s).getAsDouble());
                    opt.zeroGrad();
                }
                assertArrayEquals(floats(f.getAsJsonObject("final"), "weight"), w.getArray().toFloatArray(), 2e-6f);
                assertArrayEquals(floats(f.getAsJsonObject("final"), "bias"), b.getArray().toFloatArray(), 2e-6f);
                try (NDList state = opt.stateDict()) {
                    assertArrayEquals(floats(f.getAsJsonObject("exp_avg"), "weight"), state.get(0).toFloatArray(), 1e-6f);
                    assertArrayEquals(floats(f.getAsJsonObject("exp_avg_sq"), "weight"), state.get(1).toFloatArray(), 1e-7f);
                    assertArrayEquals(floats(f.getAsJsonObject("exp_avg"), "bias"), state.get(2).toFloatArray(), 1e-6f);
                    assertArrayEquals(floats(f.getAsJsonObject("exp_avg_sq"), "bias"), state.get(3).toFloatArray(), 1e-7f);
                    assertEquals(4L, state.get(4).getLong());
                }
            }
        }
    }

    private static float[] floats(JsonObject o, String key) {
        JsonArray a = o.getAsJsonArray(key);
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        return out;
    }
}
