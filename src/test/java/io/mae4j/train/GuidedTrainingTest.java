package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.cache.StaleCacheException;
import io.mae4j.cli.Main;
import io.mae4j.tensorboard.EventFileReader;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guided curriculum pre-training reads the θ score cache of the training split. */
@Tag("slow")
class GuidedTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void guidedRunNeedsAMatchingCacheAndLogsItsBeta() throws Exception {
        TinyRuns.run(tmp, "train.epochs=1", "eval.every=0", "analysis.every=0"); // generates the synthetic set
        String root = tmp.resolve("synth").toString();

        StaleCacheException missing = assertThrows(StaleCacheException.class, () -> TinyRuns.run(tmp,
                "mask=guided_curriculum", "train.epochs=1", "eval.every=0", "analysis.every=0"));
        assertTrue(missing.getMessage().contains("cache build data.root=" + root), missing.getMessage());

        assertEquals(0, Main.execute("cache", "build", "data.root=" + root, "cache.workers=1"));
        // eval on: the TensorBoard preview must still take training images (the cache covers only those)
        Pretrainer.Result r = TinyRuns.run(tmp, "mask=guided_curriculum", "train.epochs=2", "eval.every=1",
                "analysis.every=0", "mask.guided.beta_every=1");
        assertEquals(2, r.history().size());
        assertTrue(Double.isFinite(r.history().get(1).trainLoss()));
        List<Event> events = EventFileReader.readRun(r.runDir());
        // β follows the step schedule per epoch: 0.1 in epoch 0 (steps 0..999), 0.2 in epoch 1
        assertEquals(0.1f, scalar(events, "mask/beta", 0), 1e-6);
        assertEquals(0.2f, scalar(events, "mask/beta", 1000), 1e-6);
        assertTrue(scalar(events, "mask/beta_effective", 0) >= 0f);

        // a changed training split makes the cache stale: refused with the rebuild command
        Path cls = Files.list(tmp.resolve("synth/train")).sorted().findFirst().orElseThrow();
        Files.copy(Files.list(cls).sorted().findFirst().orElseThrow(), cls.resolve("extra.png"));
        StaleCacheException stale = assertThrows(StaleCacheException.class, () -> TinyRuns.run(tmp,
                "mask=guided_curriculum", "train.epochs=1", "eval.every=0", "analysis.every=0"));
        assertTrue(stale.getMessage().contains("Rebuild it with"), stale.getMessage());
    }

    private static float scalar(List<Event> events, String tag, long step) {
        for (Event e : events) {
            if (e.getStep() != step) {
                continue;
            }
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getTag().equals(tag)) {
                    return v.getSimpleValue();
                }
            }
        }
        throw new AssertionError("no " + tag + " at step " + step);
    }
}
