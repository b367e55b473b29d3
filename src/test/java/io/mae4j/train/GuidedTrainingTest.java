package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.cache.StaleCacheException;
import io.mae4j.cli.Main;
import io.mae4j.run.EpochStats;
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

        // a cache whose keypoints were found at another view (the default model's 64 px: side 83) is stale for this
        // 32 px model (side round(32 / sqrt(0.6)) = 41), refused with the command that rebuilds it at 41
        Path at83 = tmp.resolve("view83.sqlite");
        assertEquals(0, Main.execute("cache", "build", "data.root=" + root, "cache.workers=1", "cache.path=" + at83));
        StaleCacheException otherView = assertThrows(StaleCacheException.class, () -> TinyRuns.run(tmp,
                "mask=guided_curriculum", "train.epochs=1", "eval.every=0", "analysis.every=0",
                "mask.guided.cache=" + at83));
        assertTrue(otherView.getMessage().contains("sift_view=83") && otherView.getMessage().endsWith("cache.sift_side=41"),
                otherView.getMessage());

        assertEquals(0, Main.execute("cache", "build", "data.root=" + root, "cache.workers=1", "model.img_size=32"));
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
        // metrics.csv: beta and beta_effective per epoch = the means of the per-iteration values (logged every one)
        for (int e = 0; e < 2; e++) {
            EpochStats st = r.history().get(e);
            assertEquals(0.1 * (e + 1), st.beta(), 1e-4);
            assertEquals(meanOf(events, "mask/beta_effective", 1000L * e), st.betaEffective(), 1e-4);
        }
        String log = Files.readString(r.runDir().resolve("train.log"));
        assertTrue(log.contains("guided curriculum: peak beta 0.20"), log);
        // which θ the run read: the default sift-only cache file under the dataset, and its scorer
        assertTrue(log.contains("θ score cache " + tmp.resolve("synth/.mae4j-cache")) && log.contains(": scorer sift-only"),
                log);

        // a schedule the keypoint patches cannot carry (β = 1 of 15 masked patches of 16) warns: log and TensorBoard
        Pretrainer.Result w = TinyRuns.run(tmp, "mask=guided_curriculum", "train.epochs=1", "eval.every=0",
                "analysis.every=0", "mask.mask_ratio=0.9", "mask.guided.beta_start=1.0", "mask.guided.beta_end=1.0");
        String wlog = Files.readString(w.runDir().resolve("train.log"));
        assertTrue(wlog.contains("WARNING: the guided curriculum asks for more than the θ score cache supports"), wlog);
        assertTrue(hasText(EventFileReader.readRun(w.runDir()), "warnings/curriculum"));

        // a changed training split makes the cache stale: refused with the rebuild command
        Path cls = Files.list(tmp.resolve("synth/train")).sorted().findFirst().orElseThrow();
        Files.copy(Files.list(cls).sorted().findFirst().orElseThrow(), cls.resolve("extra.png"));
        StaleCacheException stale = assertThrows(StaleCacheException.class, () -> TinyRuns.run(tmp,
                "mask=guided_curriculum", "train.epochs=1", "eval.every=0", "analysis.every=0"));
        assertTrue(stale.getMessage().contains("Rebuild it with"), stale.getMessage());
    }

    /** Mean of a scalar over the steps of one epoch [from, from + 1000). */
    private static double meanOf(List<Event> events, String tag, long from) {
        double sum = 0;
        int n = 0;
        for (Event e : events) {
            if (e.getStep() < from || e.getStep() >= from + 1000) {
                continue;
            }
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getTag().equals(tag)) {
                    sum += v.getSimpleValue();
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no " + tag + " in epoch starting at " + from);
        return sum / n;
    }

    private static boolean hasText(List<Event> events, String tag) {
        return events.stream().flatMap(e -> e.getSummary().getValueList().stream()).anyMatch(v -> v.getTag().equals(tag));
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
