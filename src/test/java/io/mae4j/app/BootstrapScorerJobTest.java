package io.mae4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.cache.BuildProgress;
import io.mae4j.cache.CacheHeader;
import io.mae4j.cache.CacheReader;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.EpochStats;
import io.mae4j.run.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap scorer recipe on a tiny run: random-mask pre-training into runs/&lt;name&gt;-bootstrap,
 * then the θ cache scored by its last checkpoint; reused when finished, resumed when interrupted,
 * refused when the folder holds other settings.
 */
class BootstrapScorerJobTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private List<String> args(String... extra) {
        List<String> a = TinyStory.args(tmp, "cache.scorer=bootstrap", "cache.bootstrap_epochs=2", "train.epochs=7",
                "train.warmup_epochs=3");
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    @Tag("slow")
    void trainsThenScoresThenReusesAndResumes() throws Exception {
        List<String> args = args("mask=guided_curriculum");
        BootstrapScorerJob.Result first = BootstrapScorerJob.build(args, "test", BuildProgress.silent(), out);

        Path dir = tmp.resolve("runs/default-bootstrap"); // no experiment: name "default"
        assertEquals(dir, first.run().dir());
        assertEquals(BootstrapScorerJob.State.TRAINED, first.run().state());
        Config saved = ConfigFactory.parseFile(dir.resolve("config.conf").toFile()).resolve();
        assertEquals("random", saved.getString("mask.name"), "the bootstrap masks at random whatever mask= says");
        assertEquals(2, saved.getInt("train.epochs"), "train.epochs = cache.bootstrap_epochs");
        assertEquals(1, saved.getInt("train.warmup_epochs"), "warm-up capped at half the bootstrap");
        List<EpochStats> history = RunFolder.open(dir).readMetrics();
        assertEquals(2, history.size());

        // the cache: every training image, scored by the run's last checkpoint on its 4x4 grid
        Path ckpt = dir.resolve("checkpoints/last.ckpt");
        assertEquals(32, first.cache().written());
        CacheReader r = CacheReader.openUnchecked(first.cache().file());
        CacheHeader h = r.header();
        assertEquals(32, r.size());
        assertEquals("model-last", h.scorer());
        assertEquals(4, h.gridSize());
        assertTrue(h.scorerFingerprint().contains(ckpt.toAbsolutePath().toString()), h.scorerFingerprint());
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("bootstrap 1/2: random-mask pre-training, 2 epochs") && log.contains("bootstrap 2/2")
                && log.contains("mask.guided.cache=" + first.cache().file()), log);

        // again: the finished run is reused, the cache is complete
        long mtime = Files.getLastModifiedTime(ckpt).toMillis();
        BootstrapScorerJob.Result again = BootstrapScorerJob.build(args, "test", BuildProgress.silent(), out);
        assertEquals(BootstrapScorerJob.State.REUSED, again.run().state());
        assertEquals(mtime, Files.getLastModifiedTime(ckpt).toMillis());
        assertEquals(first.cache().file(), again.cache().file());
        assertEquals(32, again.cache().alreadyDone());
        assertEquals(0, again.cache().written());

        // a kill during epoch 2: last.ckpt is epoch 1's, metrics has one row -> resumed to the same epoch-2 loss
        Files.copy(dir.resolve("checkpoints/epoch-0001.ckpt"), ckpt, StandardCopyOption.REPLACE_EXISTING);
        RunFolder.open(dir).truncateMetrics(1);
        assertEquals(1, Checkpoints.readMeta(ckpt).epochsDone());
        BootstrapScorerJob.Run resumed = BootstrapScorerJob.pretrain(args, out);
        assertEquals(BootstrapScorerJob.State.RESUMED, resumed.state());
        assertEquals(2, Checkpoints.readMeta(ckpt).epochsDone());
        List<EpochStats> after = RunFolder.open(dir).readMetrics();
        assertEquals(2, after.size());
        assertEquals(history.get(1).trainLoss(), after.get(1).trainLoss(), 1e-4 * history.get(1).trainLoss());
    }

    @Test
    void refusesAFolderOfOtherSettingsAndBadEpochs() throws Exception {
        Path dir = tmp.resolve("boot");
        BootstrapScorerJob.pretrain(args("cache.bootstrap_run=" + dir, "cache.bootstrap_epochs=1"), out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BootstrapScorerJob.pretrain(args("cache.bootstrap_run=" + dir, "cache.bootstrap_epochs=1",
                        "model.embed_dim=16"), out));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("model.embed_dim = 32 there, 16 now")
                && e.getMessage().contains("cache.bootstrap_run"), e.getMessage());
        // speed-only keys do not count
        assertEquals(BootstrapScorerJob.State.REUSED, BootstrapScorerJob.pretrain(args("cache.bootstrap_run=" + dir,
                "cache.bootstrap_epochs=1", "data.num_workers=2", "runtime.threads=1"), out).state());
        assertThrows(IllegalArgumentException.class, () -> BootstrapScorerJob.pretrain(args("cache.bootstrap_epochs=0"), out));
    }

    @Test
    void keyArgumentsDropGroupChoicesAndTheScorer() {
        assertEquals(List.of("cache.workers=1", "data.root=x"), BootstrapScorerJob.keyArguments(
                List.of("experiment=quickstart", "data=synthetic", "cache.workers=1", "cache.scorer=bootstrap",
                        "mask=random", "data.root=x")));
    }
}
