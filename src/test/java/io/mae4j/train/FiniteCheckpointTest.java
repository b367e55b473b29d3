package io.mae4j.train;

import io.mae4j.run.ZipArchive;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.NonFiniteStateException;
import io.mae4j.run.EpochStats;
import io.mae4j.run.RunFolder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mae4j.config.ComposedConfig;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 2 of issue 16: no checkpoint is ever written with NaN or infinite weights. */
class FiniteCheckpointTest {

    @TempDir
    Path tmp;

    /** Every tensor of every checkpoint in the folder is finite. */
    private static void assertAllFinite(Path checkpoints) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(checkpoints)) {
            files = s.filter(p -> p.toString().endsWith(".ckpt")).toList();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            for (Path f : files) {
                Checkpoints.Loaded ck = Checkpoints.read(f, m);
                for (NDArray a : ck.model()) {
                    for (float v : a.toFloatArray()) {
                        assertTrue(Float.isFinite(v), f + " holds a non-finite value in " + a.getName());
                    }
                }
            }
        }
    }

    @Test
    void aHugeLearningRateNeverReachesACheckpoint() throws Exception {
        // the reproduction (blr = 1e5, no warm-up), tiny: the run stops, every checkpoint stays finite
        ComposedConfig c = TinyRuns.compose(tmp, "train.lr=0.0", "train.blr=1e5", "train.warmup_epochs=0",
                "train.epochs=6", "train.batch_size=32", "eval.every=0");
        RunFolder folder = RunFolder.create(tmp.resolve("runs"), c.experimentName());
        Exception e = assertThrows(Exception.class, () -> Pretrainer.run(
                new Pretrainer.Request(c.config(), c.render(), c.overrides(), folder, false,
                io.mae4j.app.TrainingFigures.ALL)));
        assertAllFinite(folder.checkpoints());
        String log = Files.readString(folder.dir().resolve("train.log"));
        assertTrue(log.contains("run stopped:"), log);
        assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
    }

    private static Parameter param(NDManager m, String name, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(m.create(values));
        return p;
    }

    @Test
    void saveRefusesNonFiniteStateAndLeavesThePreviousFileAsItWas() throws Exception {
        Path file = tmp.resolve("ck/last.ckpt");
        CheckpointMeta meta = new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, 1, 1, 1, 0, "d", 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> good = new LinkedHashMap<>(Map.of("w", param(m, "w", 1, 2)));
            NDList state = new NDList(m.create(new float[] {0, 0}));
            state.get(0).setName("exp_avg/w");
            Checkpoints.save(file, good, state, meta);
            byte[] before = Files.readAllBytes(file);
            Map<String, Parameter> nan = new LinkedHashMap<>(Map.of("w", param(m, "w", 1, Float.NaN)));
            NonFiniteStateException e = assertThrows(NonFiniteStateException.class,
                    () -> Checkpoints.save(file, nan, state, meta));
            assertTrue(e.getMessage().contains("parameters 1 of 1 tensors (w)"), e.getMessage());
            assertTrue(e.getMessage().contains("previous last.ckpt is intact"), e.getMessage());
            NDList infState = new NDList(m.create(new float[] {Float.POSITIVE_INFINITY, 0}));
            infState.get(0).setName("exp_avg/w");
            e = assertThrows(NonFiniteStateException.class, () -> Checkpoints.save(file, good, infState, meta));
            assertTrue(e.getMessage().contains("optimizer moments 1 of 1 tensors (exp_avg/w)"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
            assertFalse(Files.exists(tmp.resolve("ck/last.ckpt.tmp")));
        }
    }

    @Test
    void bestCheckpointIsTheBestKnnEpochAndIsNeverPruned() throws Exception {
        Pretrainer.Result r = TinyRuns.run(tmp, "train.epochs=4", "train.keep_checkpoints=1");
        Path ck = r.runDir().resolve("checkpoints");
        int bestEpoch = 0;
        double bestKnn = -1;
        for (EpochStats s : r.history()) {
            if (s.knnTop1() > bestKnn) {
                bestKnn = s.knnTop1();
                bestEpoch = s.epoch() + 1;
            }
        }
        assertTrue(Files.exists(ck.resolve("best.ckpt")));
        assertEquals(bestEpoch, Checkpoints.readMeta(ck.resolve("best.ckpt")).epochsDone());
        assertTrue(Files.readString(ck.resolve("best.json")).contains("\"epoch\":" + bestEpoch));
        // keep_checkpoints = 1 keeps the newest numbered file and the best epoch's
        assertTrue(Files.exists(ck.resolve(String.format("epoch-%04d.ckpt", bestEpoch))));
        assertTrue(Files.exists(ck.resolve("epoch-0004.ckpt")));
        try (Stream<Path> s = Files.list(ck)) {
            long numbered = s.filter(p -> p.getFileName().toString().startsWith("epoch-")).count();
            assertEquals(bestEpoch == 4 ? 1 : 2, numbered);
        }
        String log = Files.readString(r.runDir().resolve("train.log"));
        assertTrue(log.contains("best.ckpt = epoch " + bestEpoch), log);
        assertTrue(log.contains("run finished after epoch 4"), log);
    }

    @Test
    void exportRefusesNonFiniteWeights() throws Exception {
        Pretrainer.Result r = TinyRuns.run(tmp, "train.epochs=1", "eval.every=0");
        Path last = r.runDir().resolve("checkpoints/last.ckpt");
        // poison one parameter behind the checker's back (as a checkpoint of an older build could be)
        Path poisoned = tmp.resolve("poisoned.ckpt");
        try (NDManager m = NDManager.newBaseManager()) {
            ZipArchive.write(poisoned, sink -> ZipArchive.read(last, (name, data) -> {
                if (name.equals("model/cls_token")) {
                    NDArray a = Checkpoints.decodeNamed(m, data, "cls_token");
                    sink.put(name, a.mul(Float.NaN).encode());
                } else {
                    sink.put(name, data);
                }
            }));
        }
        Files.move(poisoned, last, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = tmp.resolve("out.pth");
        assertEquals(2, io.mae4j.cli.Main.execute("weights", "export", r.runDir().toString(), out.toString()));
        assertFalse(Files.exists(out));
    }
}
