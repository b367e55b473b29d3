package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MAE initialisation distributions, seeding, and the LayerNorm settings. */
class InitializationTest {

    private static final MaeConfig WIDE = new MaeConfig(16, 8, 3, 128, 1, 2, 4.0, 64, 1, 2, false);

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    @Test
    void xavierBoundUsesTheFlattenedView() {
        assertEquals(Math.sqrt(6.0 / (32 + 96)), XavierUniform.bound(new Shape(96, 32)), 1e-12);
        assertEquals(Math.sqrt(6.0 / (3 * 8 * 8 + 32)), XavierUniform.bound(new Shape(32, 3, 8, 8)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> XavierUniform.bound(new Shape(32)));
    }

    @Test
    void parametersFollowTheMaeDistributions() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(WIDE, m, 31);
            for (Map.Entry<String, Parameter> e : model.officialParameters().entrySet()) {
                String name = e.getKey();
                NDArray a = e.getValue().getArray();
                if (name.endsWith("token")) {
                    double sd = Math.sqrt(a.square().mean().getFloat());
                    assertTrue(sd > 0.014 && sd < 0.026, name + " std " + sd);
                } else if (name.contains("norm") && name.endsWith(".weight")) {
                    assertEquals(0f, TestSupport.maxAbsDiff(a, m.ones(a.getShape())), name);
                } else if (name.endsWith(".bias")) {
                    assertEquals(0f, a.abs().max().getFloat(), name);
                } else {
                    double bound = XavierUniform.bound(a.getShape());
                    float max = a.abs().max().getFloat();
                    assertTrue(max <= bound && max > 0.9 * bound, name + " max " + max + " vs bound " + bound);
                    double var = a.square().mean().getFloat();
                    assertEquals(bound * bound / 3, var, 0.15 * bound * bound / 3, name + " variance"); // U(-a, a)
                }
                assertTrue(e.getValue().requiresGradient(), name);
            }
        }
    }

    @Test
    void theEngineSeedMakesInitialisationReproducible() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = TestSupport.model(TestSupport.TINY, m, 41).officialParameters().get("blocks.0.attn.qkv.weight").getArray();
            NDArray b = TestSupport.model(TestSupport.TINY, m, 41).officialParameters().get("blocks.0.attn.qkv.weight").getArray();
            NDArray c = TestSupport.model(TestSupport.TINY, m, 42).officialParameters().get("blocks.0.attn.qkv.weight").getArray();
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            assertNotEquals(0f, TestSupport.maxAbsDiff(a, c));
        }
    }

    /** eps 1e-6 and the last axis only: [0, 1e-3] has variance 2.5e-7, so eps matters. */
    @Test
    void layerNormUsesLastAxisAndEps1e6() {
        try (NDManager m = NDManager.newBaseManager()) {
            LayerNorm norm = Layers.layerNorm();
            norm.initialize(m, DataType.FLOAT32, new Shape(1, 2, 2));
            NDArray x = m.create(new float[] {0f, 1e-3f, 5f, 7f}, new Shape(1, 2, 2));
            NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            float small = (float) (5e-4 / Math.sqrt(2.5e-7 + 1e-6));
            float large = (float) (1 / Math.sqrt(1 + 1e-6));
            assertArrayEquals(new float[] {-small, small, -large, large}, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void positionTablesAreConstantsNotParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(TestSupport.TINY, m, 51);
            assertEquals(new Shape(1, 17, 16), model.positionEmbedding().getShape());
            assertEquals(new Shape(1, 17, 8), model.decoderPositionEmbedding().getShape());
            assertArrayEquals(PosEmbed.sinCos2d(8, 4, true)[5], model.decoderPositionEmbedding().get(0, 5).toFloatArray());
            for (Parameter p : model.getParameters().values()) {
                assertNotEquals(new Shape(1, 17, 16), p.getShape());
            }
            assertThrows(IllegalStateException.class, () -> new MaeModel(TestSupport.TINY).positionEmbedding());
        }
    }
}
