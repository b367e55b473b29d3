package io.mae4j.optim;

import static io.mae4j.optim.GradTestSupport.addGrads;
import static io.mae4j.optim.GradTestSupport.grad;
import static io.mae4j.optim.GradTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mae4j.NdTestBase;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins AdamW (PyTorch semantics), zeroGrad, clipGradNorm and the state round trip. */
class AdamWTest extends NdTestBase {


    /**
     * p = (1, −2), wd 0.5, betas (0.9, 0.95); step 1: lr 0.1, g = (0.5, −1); step 2: lr 0.05,
     * g = (0.25, 0.75). By hand, with decay: step 1 decays p to (0.95, −1.9); m = (0.05, −0.1),
     * v = (0.0125, 0.05), bias corrections 0.1 / 0.05 make the update ≈ sign(g) · lr = (0.1, −0.1)
     * → (0.85, −1.8). Step 2 decays by 0.975 → (0.82875, −1.755); m = (0.07, −0.015), v = (0.015,
     * 0.075625); step size 0.05 / 0.19, denominator sqrt(v / 0.0975) → update (0.0469646, −0.0044821)
     * → (0.7817853, −1.7505179). Without decay: (0.9, −1.9) then (0.8530353, −1.8955179).
     * (torch.optim.AdamW in float64 gives the same digits.)
     */
    @Test
    void twoStepsMatchHandComputation() {
        double[][] expected = {{0.85, -1.8, 0.781785349732698, -1.7505179450461799},
            {0.9, -1.9, 0.853035349782698, -1.8955179450711799}};
        for (int decayCase = 0; decayCase < 2; decayCase++) {
            Parameter p = param(manager, "w", new float[] {1f, -2f}, new Shape(2));
            try (AdamW opt = new AdamW(List.of(new ParamEntry("w", p, decayCase == 0)), 0.5, 0.9, 0.95, 1e-8)) {
                addGrads(new Parameter[] {p}, new float[][] {{0.5f, -1f}});
                opt.step(0.1);
                opt.zeroGrad();
                float[] after1 = p.getArray().toFloatArray();
                assertEquals(expected[decayCase][0], after1[0], 1e-6);
                assertEquals(expected[decayCase][1], after1[1], 1e-6);
                addGrads(new Parameter[] {p}, new float[][] {{0.25f, 0.75f}});
                opt.step(0.05);
                float[] after2 = p.getArray().toFloatArray();
                assertEquals(expected[decayCase][2], after2[0], 1e-6);
                assertEquals(expected[decayCase][3], after2[1], 1e-6);
                assertEquals(2, opt.stepCount());
            }
        }
    }

    @Test
    void gradientsAccumulateUntilZeroGrad() {
        Parameter p = param(manager, "w", new float[] {1f, 2f}, new Shape(2));
        try (AdamW opt = AdamW.mae(List.of(new ParamEntry("w", p, true)), 0.05)) {
            addGrads(new Parameter[] {p}, new float[][] {{1f, 2f}});
            addGrads(new Parameter[] {p}, new float[][] {{1f, 2f}});
            assertArrayEquals(new float[] {2f, 4f}, grad(p)); // DJL does not zero between backward calls
            opt.zeroGrad();
            assertArrayEquals(new float[] {0f, 0f}, grad(p));
            addGrads(new Parameter[] {p}, new float[][] {{Float.NaN, 1f}});
            opt.zeroGrad();
            assertArrayEquals(new float[] {0f, 0f}, grad(p), "zeroGrad also clears NaN");
        }
    }

    @Test
    void clipGradNormScalesLikeTorch() {
        Parameter a = param(manager, "a", new float[] {0f, 0f}, new Shape(2));
        Parameter b = param(manager, "b", new float[] {0f}, new Shape(1));
        Parameter[] both = {a, b};
        try (AdamW opt = AdamW.mae(List.of(new ParamEntry("a", a, true), new ParamEntry("b", b, false)), 0.05)) {
            addGrads(both, new float[][] {{3f, 4f}, {12f}}); // global norm sqrt(9 + 16 + 144) = 13
            assertEquals(13.0, opt.clipGradNorm(0), 1e-6); // measure only
            assertArrayEquals(new float[] {3f, 4f}, grad(a));
            assertEquals(13.0, opt.clipGradNorm(20), 1e-6); // below the limit: unchanged
            assertArrayEquals(new float[] {12f}, grad(b));
            assertEquals(13.0, opt.clipGradNorm(6.5), 1e-6); // scaled by 6.5 / (13 + 1e-6)
            assertArrayEquals(new float[] {1.5f, 2f}, grad(a), 1e-5f);
            assertArrayEquals(new float[] {6f}, grad(b), 1e-5f);
            assertEquals(6.5, opt.clipGradNorm(0), 1e-5);
        }
    }

    @Test
    void theGpuPathOfTheGradientNormSumsOnTheDeviceToTheSameValue() {
        Parameter a = param(manager, "a", new float[] {0f, 0f}, new Shape(2));
        Parameter b = param(manager, "b", new float[] {0f}, new Shape(1));
        Parameter c = param(manager, "c", new float[] {0f}, new Shape(1)); // its gradient stays 0
        try (AdamW opt = AdamW.mae(List.of(new ParamEntry("a", a, true), new ParamEntry("b", b, false),
                new ParamEntry("c", c, false)), 0.05)) {
            addGrads(new Parameter[] {a, b}, new float[][] {{3f, 4f}, {12f}});
            assertEquals(169.0, opt.sumOfSquaredGradNorms(false), 1e-4);
            assertEquals(169.0, opt.sumOfSquaredGradNorms(true), 1e-4);
            addGrads(new Parameter[] {a, b}, new float[][] {{0.1f, -0.2f}, {1e-3f}});
            assertEquals(opt.sumOfSquaredGradNorms(false), opt.sumOfSquaredGradNorms(true), 1e-9);
        }
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        float[] w0 = {0.3f, -0.7f, 1.1f, 0.2f};
        float[] b0 = {0.05f, -0.4f};
        float[][][] grads = {{{0.1f, -0.2f, 0.3f, 0.4f}, {0.5f, -0.6f}}, {{-0.3f, 0.1f, 0.2f, -0.5f}, {0.2f, 0.1f}},
            {{0.7f, 0.2f, -0.1f, 0.05f}, {-0.3f, 0.4f}}};
        double[] lrs = {0.01, 0.02, 0.015};

        // A: three steps in one go
        Parameter wa = param(manager, "w", w0, new Shape(2, 2));
        Parameter ba = param(manager, "b", b0, new Shape(2));
        AdamW a = AdamW.mae(List.of(ParamEntry.of("fc.weight", wa), ParamEntry.of("fc.bias", ba)), 0.05);
        for (int s = 0; s < 3; s++) {
            addGrads(new Parameter[] {wa, ba}, grads[s]);
            a.step(lrs[s]);
            a.zeroGrad();
        }

        // B: one step, save optimizer state and weights, rebuild everything, load, two more steps
        Parameter wb = param(manager, "w", w0, new Shape(2, 2));
        Parameter bb = param(manager, "b", b0, new Shape(2));
        byte[] saved;
        float[] wSaved;
        float[] bSaved;
        try (AdamW b = AdamW.mae(List.of(ParamEntry.of("fc.weight", wb), ParamEntry.of("fc.bias", bb)), 0.05)) {
            addGrads(new Parameter[] {wb, bb}, grads[0]);
            b.step(lrs[0]);
            b.zeroGrad();
            try (NDList state = b.stateDict()) {
                assertEquals(List.of("exp_avg/fc.weight", "exp_avg_sq/fc.weight", "exp_avg/fc.bias", "exp_avg_sq/fc.bias",
                        "step"), state.stream().map(NDArray::getName).toList());
                saved = state.encode();
            }
            wSaved = wb.getArray().toFloatArray();
            bSaved = bb.getArray().toFloatArray();
        }
        Parameter wc = param(manager, "w", wSaved, new Shape(2, 2));
        Parameter bc = param(manager, "b", bSaved, new Shape(2));
        try (AdamW c = AdamW.mae(List.of(ParamEntry.of("fc.weight", wc), ParamEntry.of("fc.bias", bc)), 0.05);
                NDList loaded = NDList.decode(manager, saved)) {
            c.loadStateDict(loaded);
            assertEquals(1, c.stepCount());
            for (int s = 1; s < 3; s++) {
                addGrads(new Parameter[] {wc, bc}, grads[s]);
                c.step(lrs[s]);
                c.zeroGrad();
            }
            assertArrayEquals(wa.getArray().toFloatArray(), wc.getArray().toFloatArray());
            assertArrayEquals(ba.getArray().toFloatArray(), bc.getArray().toFloatArray());
            try (NDList sa = a.stateDict(); NDList sc = c.stateDict()) {
                for (int i = 0; i < sa.size(); i++) {
                    assertEquals(sa.get(i).getName(), sc.get(i).getName());
                    assertArrayEquals(sa.get(i).toArray(), sc.get(i).toArray(), sa.get(i).getName());
                }
            }
            assertFalse(java.util.Arrays.equals(w0, wc.getArray().toFloatArray()));
        }
        a.close();
    }

    @Test
    void loadStateDictNamesEveryProblem() {
        Parameter w = param(manager, "w", new float[] {1, 2, 3, 4}, new Shape(2, 2));
        Parameter b = param(manager, "b", new float[] {1, 2}, new Shape(2));
        try (AdamW opt = AdamW.mae(List.of(ParamEntry.of("fc.weight", w), ParamEntry.of("fc.bias", b)), 0.05)) {
            NDList bad = new NDList();
            NDArray wrongShape = manager.zeros(new Shape(4));
            wrongShape.setName("exp_avg/fc.weight");
            NDArray extra = manager.zeros(new Shape(2));
            extra.setName("exp_avg/head.bias");
            bad.add(wrongShape);
            bad.add(extra);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(bad));
            String msg = e.getMessage();
            assertTrue(msg.contains("exp_avg/fc.weight has shape (4), expected (2, 2)"), msg);
            assertTrue(msg.contains("missing exp_avg_sq/fc.weight"), msg);
            assertTrue(msg.contains("missing exp_avg/fc.bias"), msg);
            assertTrue(msg.contains("missing step"), msg);
            assertTrue(msg.contains("unexpected exp_avg/head.bias"), msg);
            assertEquals(0, opt.stepCount());
        }
    }

    @Test
    void memoryStaysFlatOverSteps() {
        Parameter w = param(manager, "w", new float[] {1, 2, 3, 4}, new Shape(2, 2));
        try (AdamW opt = AdamW.mae(List.of(ParamEntry.of("fc.weight", w)), 0.05)) {
            addGrads(new Parameter[] {w}, new float[][] {{1, 1, 1, 1}});
            opt.step(0.01);
            int before = manager.getManagedArrays().size();
            int own = opt.managedArrayCount();
            assertEquals(2, own, "exp_avg and exp_avg_sq");
            for (int i = 0; i < 10; i++) {
                opt.clipGradNorm(0.5);
            }
            assertEquals(before, manager.getManagedArrays().size(), "clip closes its temporaries");
            assertEquals(own, opt.managedArrayCount(), "clip closes its temporaries");
            for (int i = 0; i < 10; i++) {
                opt.step(0.01);
            }
            assertEquals(before, manager.getManagedArrays().size(), "step closes its temporaries");
            assertEquals(own, opt.managedArrayCount(), "step closes its temporaries");
            for (int i = 0; i < 10; i++) {
                opt.zeroGrad();
            }
            assertEquals(before, manager.getManagedArrays().size(), "zero closes its temporaries");
            assertEquals(own, opt.managedArrayCount(), "zero closes its temporaries");
        }
    }

    @Test
    void decayGroupsFollowTimmRules() {
        assertTrue(AdamW.decays("blocks.0.attn.qkv.weight", new Shape(576, 192)));
        assertTrue(AdamW.decays("patch_embed.proj.weight", new Shape(192, 3, 16, 16)));
        assertFalse(AdamW.decays("blocks.0.norm1.weight", new Shape(192)));
        assertFalse(AdamW.decays("blocks.0.attn.qkv.bias", new Shape(576)));
        assertFalse(AdamW.decays("head.bias", new Shape(10, 1)));
        assertFalse(AdamW.decays("cls_token", new Shape(1, 1, 192)));
        assertFalse(AdamW.decays("mask_token", new Shape(1, 1, 128)));
        assertFalse(AdamW.decays("pos_embed", new Shape(1, 197, 192)));
        assertFalse(AdamW.decays("decoder_pos_embed", new Shape(1, 197, 128)));
        assertTrue(AdamW.decays("my_pos_embed_proj", new Shape(4, 4)));
    }

    @Test
    void rejectsBadConstruction() {
        Parameter w = param(manager, "w", new float[] {1, 2}, new Shape(2));
        assertThrows(IllegalArgumentException.class, () -> AdamW.mae(List.of(), 0.05));
        assertThrows(IllegalArgumentException.class,
                () -> AdamW.mae(List.of(new ParamEntry("w", w, true), new ParamEntry("w", w, false)), 0.05));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(new ParamEntry("w", w, true)), 0.05, 1.0, 0.95, 1e-8));
        Parameter uninit = Parameter.builder().setName("u").setType(Parameter.Type.WEIGHT).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdamW.mae(List.of(new ParamEntry("blocks.0.x", uninit, true)), 0.05));
        assertTrue(e.getMessage().contains("blocks.0.x"));
    }
}
