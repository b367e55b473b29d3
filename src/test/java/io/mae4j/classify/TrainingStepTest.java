package io.mae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mae4j.NdTestBase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one optimisation step of each recipe may and may not change. */
class TrainingStepTest extends NdTestBase {

    private static final ClassifierSettings PROBE = new ClassifierSettings(HeadKind.LINPROBE, 2, 4, 0, 1e-2, 0, 0.05, 0,
            PoolFeature.CLS, 1.0, 0, 0, 1, false);
    private static final ClassifierSettings FINETUNE = new ClassifierSettings(HeadKind.FINETUNE, 2, 4, 0, 1e-3, 0, 0.05, 0,
            PoolFeature.MEAN, 0.75, 0.1, 0, 1, false);

    @Test
    void linearProbeLeavesTheEncoderBitIdentical() {
        Classifier c = TinyClassifiers.create(HeadKind.LINPROBE, PoolFeature.CLS, manager);
        Map<String, float[]> before = snapshot(c.backbone().officialParameters());
        float[] head = c.head().officialParameters().get("head.1.weight").getArray().toFloatArray();
        float[] mean = c.head().buffers().get("head.0.running_mean").toFloatArray();
        try (ClassifierTrainer t = new ClassifierTrainer(c, PROBE, manager)) {
            for (int i = 0; i < 3; i++) {
                try (NDManager step = manager.newSubManager()) {
                    t.step(TinyClassifiers.images(step, 4, i), new int[] {0, 1, 2, 0}, false, 1e-2);
                }
            }
        }
        snapshot(c.backbone().officialParameters()).forEach((name, v) ->
                assertArrayEquals(before.get(name), v, 0f, name + " must stay frozen"));
        assertFalse(Arrays.equals(head, c.head().officialParameters().get("head.1.weight").getArray().toFloatArray()));
        assertFalse(Arrays.equals(mean, c.head().buffers().get("head.0.running_mean").toFloatArray()),
                "the probe's BatchNorm statistics follow the training batches");
    }

    @Test
    void fineTuningTrainsTheEncoderButNotTheDecoder() {
        Classifier c = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.MEAN, manager);
        Map<String, float[]> before = snapshot(c.backbone().officialParameters());
        try (ClassifierTrainer t = new ClassifierTrainer(c, FINETUNE, manager);
                NDManager step = manager.newSubManager()) {
            t.step(TinyClassifiers.images(step, 4, 9), new int[] {0, 1, 2, 0}, false, 1e-3);
        }
        Map<String, float[]> after = snapshot(c.backbone().officialParameters());
        for (String trained : new String[] {"cls_token", "patch_embed.proj.weight", "blocks.0.attn.qkv.weight",
                "blocks.1.mlp.fc2.weight"}) {
            assertFalse(Arrays.equals(before.get(trained), after.get(trained)), trained + " must train");
        }
        before.forEach((name, v) -> {
            if (name.startsWith("decoder") || name.equals("mask_token") || name.startsWith("norm.")) {
                assertArrayEquals(v, after.get(name), 0f, name + " is not used by a global-pool classifier");
            }
        });
    }

    @Test
    void cachedFeatureStepTrainsTheHeadOnly() {
        Classifier c = TinyClassifiers.create(HeadKind.LINPROBE, PoolFeature.MEAN, manager);
        float[] fcNorm = c.head().officialParameters().get("fc_norm.weight").getArray().toFloatArray();
        float[] bias = c.head().officialParameters().get("head.1.bias").getArray().toFloatArray();
        try (ClassifierTrainer t = new ClassifierTrainer(c, PROBE, manager);
                NDManager step = manager.newSubManager()) {
            NDArray feats = step.randomNormal(new ai.djl.ndarray.types.Shape(4, 32));
            t.step(feats, new int[] {0, 1, 2, 1}, true, 1e-2);
        }
        assertArrayEquals(fcNorm, c.head().officialParameters().get("fc_norm.weight").getArray().toFloatArray(), 0f,
                "the linear probe's fc_norm stays at its initial affine (MAE freezes everything but head)");
        assertFalse(Arrays.equals(bias, c.head().officialParameters().get("head.1.bias").getArray().toFloatArray()));
        assertTrue(c.trainableParameters().keySet().stream().allMatch(n -> n.startsWith("head.1.")));
    }

    private static Map<String, float[]> snapshot(Map<String, Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }
}
