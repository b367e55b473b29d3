package io.mae4j.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier run stopped after 2 of 4 epochs (as if killed right after its epoch-2 checkpoint)
 * and resumed must repeat the uninterrupted 4-epoch run: the same per-epoch training loss,
 * validation loss and top-1 (1e-4 relative: two runs in one JVM are not always bitwise equal on
 * this BLAS) and the same global steps, with every epoch exactly once in metrics.csv and best.ckpt
 * at the best epoch. The schedule has a warm-up and a cosine, so a wrong restored lr position,
 * AdamW step (bias correction) or moment would show in the losses.
 */
@Tag("slow")
class ClassifierResumeTest {

    @TempDir
    static Path tmp;
    static Path source;

    @BeforeAll
    static void sourceRun() throws IOException {
        source = EasyImageSet.create(tmp);
    }

    @Test
    void finetuneResumedAfterTwoOfFourEpochsRepeatsTheUninterruptedRun() throws IOException {
        Path part = stopAndResume(HeadKind.FINETUNE, "ft", List.of("finetune.epochs=4", "finetune.batch_size=8",
                "finetune.lr=2e-3", "finetune.warmup_epochs=1", "finetune.every=1", "tensorboard.enabled=false"));
        assertTrue(Files.readString(part.resolve("train.log")).contains("resumed from "), "train.log is appended to");
    }

    @Test
    void linprobeResumedAfterTwoOfFourEpochsRepeatsTheUninterruptedRun() throws IOException {
        stopAndResume(HeadKind.LINPROBE, "lp", List.of("linprobe.epochs=4", "linprobe.batch_size=8", "linprobe.lr=2e-2",
                "linprobe.warmup_epochs=1", "linprobe.every=1", "linprobe.cache_features=false",
                "tensorboard.enabled=false"));
    }

    @Test
    void cachedLinprobeResumesThenAFinishedRunSaysSoAndMayBeExtended() throws IOException {
        Path part = stopAndResume(HeadKind.LINPROBE, "lpc", List.of("linprobe.epochs=4", "linprobe.batch_size=8",
                "linprobe.lr=2e-2", "linprobe.warmup_epochs=1", "linprobe.every=1", "linprobe.cache_features=true",
                "tensorboard.enabled=false"));
        String log = Files.readString(part.resolve("train.log"));
        assertEquals(2, log.split("computing the frozen features of 32", -1).length - 1,
                "features computed at the start and again at the resume:\n" + log);

        String csv = Files.readString(part.resolve("metrics.csv"));
        ClassifierJob.Result again = ClassifierJob.resume(HeadKind.LINPROBE, part, List.of());
        assertTrue(again.note().contains("4 of 4 epochs done") && again.note().contains("linprobe.epochs="), again.note());
        assertEquals(4, again.history().size());
        assertEquals(csv, Files.readString(part.resolve("metrics.csv")), "a finished run is left as it was");

        ClassifierJob.Result longer = ClassifierJob.resume(HeadKind.LINPROBE, part, List.of("linprobe.epochs=5"));
        assertEquals("", longer.note());
        assertEquals(List.of(0, 1, 2, 3, 4), epochs(part));
        assertTrue(Files.readString(part.resolve("config.conf")).contains("epochs = 5"), "the override is recorded");
        assertTrue(Files.readString(part.resolve("overrides.txt")).contains("linprobe.epochs=5"));
    }

    /**
     * Runs the recipe uninterrupted and stopped after 2 epochs (with a stale metrics row logged past
     * the checkpoint, as a kill between the two writes would leave), resumes the latter, compares.
     *
     * @return the resumed run folder
     */
    private static Path stopAndResume(HeadKind kind, String name, List<String> args) throws IOException {
        ClassifierJob.Result full = ClassifierJob.run(new ClassifierJob.Request(kind, source, with(args, name + "full")));
        ClassifierJob.Result part = ClassifierJob.run(new ClassifierJob.Request(kind, source, with(args, name + "part")), 2);
        assertEquals(2, part.history().size());
        Files.writeString(part.runDir().resolve("metrics.csv"), part.history().get(1).csvRow().replaceFirst("^1,", "2,")
                + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ClassifierJob.Result resumed = ClassifierJob.resume(kind, part.runDir(), List.of());
        assertEquals(4, resumed.history().size());
        for (int e = 0; e < 4; e++) {
            ClassifierEpoch want = full.history().get(e);
            ClassifierEpoch got = resumed.history().get(e);
            assertEquals(e, got.epoch());
            assertEquals(want.globalStep(), got.globalStep(), "global step of epoch " + e);
            assertEquals(want.lr(), got.lr(), 1e-9 * want.lr(), "lr of epoch " + e);
            assertEquals(want.trainLoss(), got.trainLoss(), 1e-4 * want.trainLoss(), kind + " train loss of epoch " + e);
            assertEquals(want.valLoss(), got.valLoss(), 1e-4 * want.valLoss(), kind + " val loss of epoch " + e);
            assertEquals(want.top1(), got.top1(), 1e-4 * want.top1(), kind + " top-1 of epoch " + e);
        }
        Path dir = part.runDir();
        assertEquals(List.of(0, 1, 2, 3), epochs(dir), "metrics.csv: every epoch exactly once");
        try (NDManager m = NDManager.newBaseManager()) {
            ClassifierMeta best = ClassifierCheckpoint.read(dir.resolve("checkpoints/best.ckpt"), m).meta();
            ClassifierMeta wantBest = ClassifierCheckpoint.read(full.runDir().resolve("checkpoints/best.ckpt"), m).meta();
            assertEquals(wantBest.epochsDone(), best.epochsDone(), "best.ckpt epoch");
            assertEquals(4, ClassifierCheckpoint.read(dir, m).meta().epochsDone());
        }
        assertFalse(Files.readString(dir.resolve("train.log")).isEmpty());
        return dir;
    }

    private static List<String> with(List<String> args, String name) {
        List<String> out = new ArrayList<>(args);
        out.add("name=" + name);
        return out;
    }

    private static List<Integer> epochs(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(ClassifierEpoch.HEADER, lines.get(0));
        List<Integer> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            out.add(ClassifierEpoch.parse(l).epoch());
        }
        return out;
    }
}
