package io.mae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mae4j.NdTestBase;
import io.mae4j.optim.AdamW;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.optim.ParamEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classifier files: a round trip gives the same logits; wrong files fail naming the path. */
class ClassifierCheckpointTest extends NdTestBase {

    @TempDir
    Path tmp;

    @Test
    void roundTripGivesIdenticalLogits() throws IOException {
        for (HeadKind kind : HeadKind.values()) {
            Classifier c = TinyClassifiers.create(kind, kind == HeadKind.LINPROBE ? PoolFeature.CLS : PoolFeature.MEAN,
                    manager);
            // move the probe's BatchNorm statistics away from (0, 1), so the buffers must round-trip too
            c.forward(new ParameterStore(manager, false), TinyClassifiers.images(manager, 4, 2), null, true);
            NDArray imgs = TinyClassifiers.images(manager, 3, 8);
            NDArray keep = TinyClassifiers.keep(manager, 3, 1, 5, 6, 10);
            float[] expected = c.logits(imgs, keep).toFloatArray();
            Path run = tmp.resolve(kind.configName());
            ClassifierCheckpoint.save(run.resolve("checkpoints/last.ckpt"), c, 3, 0.5, "test");
            try (NDManager other = NDManager.newBaseManager()) {
                ClassifierCheckpoint.Loaded loaded = ClassifierCheckpoint.read(run, other); // the run folder form
                Classifier back = loaded.classifier();
                assertEquals(TinyClassifiers.CLASSES, back.classNames());
                assertEquals(kind, back.kind());
                assertEquals(c.feature(), back.feature());
                assertEquals(TinyClassifiers.CFG, back.backbone().config());
                assertEquals(3, loaded.meta().epochsDone());
                float[] got = back.logits(imgs.toDevice(imgs.getDevice(), true), keep).toFloatArray();
                assertArrayEquals(expected, got, 0f, kind + ": identical logits after save / load");
            }
        }
    }

    @Test
    void wrongPathsAndFilesAreNamed() throws IOException {
        Path missing = tmp.resolve("nowhere/last.ckpt");
        IOException e1 = assertThrows(IOException.class, () -> ClassifierCheckpoint.load(missing, manager));
        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());

        Path emptyRun = Files.createDirectories(tmp.resolve("run"));
        IOException e2 = assertThrows(IOException.class, () -> ClassifierCheckpoint.load(emptyRun, manager));
        assertTrue(e2.getMessage().contains(emptyRun.resolve("checkpoints").resolve("last.ckpt").toString()));

        Path text = Files.writeString(tmp.resolve("notes.ckpt"), "hello");
        IOException e3 = assertThrows(IOException.class, () -> ClassifierCheckpoint.load(text, manager));
        assertTrue(e3.getMessage().contains(text.toString()) && e3.getMessage().contains("not a mae4j classifier"),
                e3.getMessage());

        Path pretrain = tmp.resolve("pretrain.ckpt");
        Classifier c = TinyClassifiers.create(HeadKind.FINETUNE, PoolFeature.MEAN, manager);
        var params = c.backbone().officialParameters();
        try (AdamW opt = AdamW.mae(ParamEntry.all(params), 0.05); var state = opt.stateDict()) {
            Checkpoints.save(pretrain, params, state, new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, 1, 1, 1, 0, "x", 1));
        }
        IOException e4 = assertThrows(IOException.class, () -> ClassifierCheckpoint.load(pretrain, manager));
        assertTrue(e4.getMessage().contains("pre-training checkpoint") && e4.getMessage().contains("linprobe checkpoint="),
                e4.getMessage());
    }
}
