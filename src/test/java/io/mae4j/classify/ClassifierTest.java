package io.mae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.NdTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logits on kept patches only: the "mask as prompt" contract of {@link PatchClassifier}. */
class ClassifierTest extends NdTestBase {

    private static final long[] KEPT = {0, 2, 5, 7, 9, 12, 14, 15}; // patch 1 (row 0, col 1) is dropped

    @Test
    void keepingEveryPatchEqualsKeepNull() {
        for (PoolFeature f : PoolFeature.values()) {
            Classifier c = TinyClassifiers.create(HeadKind.FINETUNE, f, manager);
            NDArray imgs = TinyClassifiers.images(manager, 2, 1);
            long[] all = new long[16];
            for (int j = 0; j < 16; j++) {
                all[j] = j;
            }
            NDArray a = c.logits(imgs, null);
            NDArray b = c.logits(imgs, TinyClassifiers.keep(manager, 2, all));
            assertEquals(new Shape(2, 3), a.getShape());
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-5f, f.toString());
        }
    }

    @Test
    void logitsDependOnlyOnKeptPatches() {
        for (HeadKind kind : HeadKind.values()) {
            for (PoolFeature f : PoolFeature.values()) {
                Classifier c = TinyClassifiers.create(kind, f, manager);
                NDArray imgs = TinyClassifiers.images(manager, 2, 1);
                NDArray keep = TinyClassifiers.keep(manager, 2, KEPT);
                float[] base = c.logits(imgs, keep).toFloatArray();
                NDArray droppedChanged = imgs.duplicate();
                droppedChanged.set(new NDIndex(":, :, 0:8, 8:16"), 5f); // pixels of patch 1 (dropped)
                assertArrayEquals(base, c.logits(droppedChanged, keep).toFloatArray(), 0f, kind + " " + f);
                NDArray keptChanged = imgs.duplicate();
                keptChanged.set(new NDIndex(":, :, 0:8, 0:8"), 5f); // pixels of patch 0 (kept)
                float[] moved = c.logits(keptChanged, keep).toFloatArray();
                assertTrue(maxAbsDiff(base, moved) > 1e-3, kind + " " + f + ": a kept patch must matter");
                // with every patch kept, patch 1 matters again
                assertTrue(maxAbsDiff(c.logits(imgs, null).toFloatArray(),
                        c.logits(droppedChanged, null).toFloatArray()) > 1e-3, kind + " " + f);
            }
        }
    }

    @Test
    void tokensCarryThePositionOfTheirPatchNotTheirSlot() {
        // the encoder is permutation-equivariant, so only position embeddings could make the order matter
        Classifier c = TinyClassifiers.create(HeadKind.LINPROBE, PoolFeature.CLS, manager);
        NDArray imgs = TinyClassifiers.images(manager, 2, 4);
        float[] ordered = c.logits(imgs, TinyClassifiers.keep(manager, 2, 3, 6, 9, 12)).toFloatArray();
        float[] permuted = c.logits(imgs, TinyClassifiers.keep(manager, 2, 12, 3, 9, 6)).toFloatArray();
        assertArrayEquals(ordered, permuted, 1e-5f);
        float[] otherPatches = c.logits(imgs, TinyClassifiers.keep(manager, 2, 3, 6, 9, 13)).toFloatArray();
        assertTrue(maxAbsDiff(ordered, otherPatches) > 1e-3);
    }

    @Test
    void meanFeatureAveragesTheKeptPatchTokensBeforeTheFinalNorm() {
        Classifier c = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.MEAN, manager);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray imgs = TinyClassifiers.images(manager, 2, 5);
        NDArray keep = TinyClassifiers.keep(manager, 2, 1, 4, 11);
        NDArray tokens = c.backbone().encoder().forwardKept(ps, imgs, keep, false, false); // (2, 4, 32)
        assertEquals(new Shape(2, 4, 32), tokens.getShape());
        float[] t = tokens.toFloatArray();
        float[] expected = new float[2 * 32];
        for (int b = 0; b < 2; b++) {
            for (int d = 0; d < 32; d++) {
                for (int l = 1; l <= 3; l++) { // rows 1..3: the kept patches; row 0 (CLS) excluded
                    expected[b * 32 + d] += t[(b * 4 + l) * 32 + d] / 3f;
                }
            }
        }
        assertArrayEquals(expected, c.features(ps, imgs, keep, false).toFloatArray(), 1e-5f);
        NDArray cls = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.CLS, manager).features(ps, imgs, keep, false);
        NDArray normed = c.backbone().encoder().forwardKept(ps, imgs, keep, false, true); // (2, 4, 32)
        assertArrayEquals(normed.get(new NDIndex(":, 0, :")).toFloatArray(), cls.toFloatArray(), 1e-6f);
    }

    @Test
    void trainableParametersFollowTheRecipe() {
        Classifier probe = TinyClassifiers.create(HeadKind.LINPROBE, PoolFeature.CLS, manager);
        assertEquals(List.of("head.1.weight", "head.1.bias"), List.copyOf(probe.trainableParameters().keySet()));
        assertEquals(List.of("head.0.running_mean", "head.0.running_var"), List.copyOf(probe.head().buffers().keySet()));
        assertFalse(probe.backbone().officialParameters().get("blocks.0.attn.qkv.weight").getArray().hasGradient());
        assertTrue(probe.head().officialParameters().get("head.1.weight").getArray().hasGradient());

        Classifier ftMean = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.MEAN, manager);
        List<String> names = List.copyOf(ftMean.trainableParameters().keySet());
        assertEquals("cls_token", names.get(0));
        assertTrue(names.contains("blocks.1.mlp.fc2.bias") && names.contains("fc_norm.weight") && names.contains("head.weight"));
        assertFalse(names.contains("norm.weight"), "global pool skips the encoder's final norm (MAE deletes it)");
        assertTrue(names.stream().noneMatch(n -> n.startsWith("decoder") || n.equals("mask_token")));
        assertFalse(ftMean.backbone().officialParameters().get("mask_token").getArray().hasGradient());

        Classifier ftCls = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.CLS, manager);
        assertTrue(ftCls.trainableParameters().containsKey("norm.weight"));
        assertFalse(ftCls.trainableParameters().containsKey("fc_norm.weight"));
    }

    @Test
    void badKeepIsRefused() {
        Classifier c = TinyClassifiers.create(HeadKind.LINPROBE, PoolFeature.CLS, manager);
        NDArray imgs = TinyClassifiers.images(manager, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> c.logits(imgs, TinyClassifiers.keep(manager, 2, 0, 16)));
        assertThrows(IllegalArgumentException.class, () -> c.logits(imgs, TinyClassifiers.keep(manager, 1, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> c.logits(imgs, manager.create(new int[] {0, 1, 2, 3},
                new Shape(2, 2))));
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
