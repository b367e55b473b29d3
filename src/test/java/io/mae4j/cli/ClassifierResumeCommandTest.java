package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mae4j.classify.ClassifierCheckpoint;
import io.mae4j.classify.EasyImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linprobe --resume} / {@code finetune --resume} on the command line: a finished run says
 * so and exits 0 with metrics.csv untouched; folders that are no resumable run of the command are
 * refused with their path named. (That a resumed run repeats the uninterrupted one is pinned by
 * {@code io.mae4j.classify.ClassifierResumeTest}.)
 */
class ClassifierResumeCommandTest extends ConsoleCapture {

    @TempDir
    static Path tmp;
    static Path source;
    static Path finetuneRun;

    @BeforeAll
    static void finishedFinetuneRun() throws IOException {
        source = EasyImageSet.create(tmp);
        assertEquals(0, Main.execute("finetune", "checkpoint=" + source, "finetune.epochs=1", "finetune.batch_size=8",
                "tensorboard.enabled=false"));
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/src_finetune"))) {
            finetuneRun = runs.findFirst().orElseThrow();
        }
    }

    @Test
    void aFinishedRunResumedWithoutMoreEpochsSaysSoAndExitsZero() throws IOException {
        String csv = Files.readString(finetuneRun.resolve("metrics.csv"));
        assertEquals(0, Main.execute("finetune", "--resume", finetuneRun.toString()), err());
        assertTrue(out().contains("1 of 1 epochs done; nothing to resume (pass finetune.epochs=N"), out());
        assertEquals(csv, Files.readString(finetuneRun.resolve("metrics.csv")));
    }

    @Test
    void aPretrainingRunIsRefusedByName() {
        assertEquals(2, Main.execute("finetune", "--resume", source.toString()));
        assertTrue(err().contains(source.toString()) && err().contains("pre-training checkpoint"), err());
    }

    @Test
    void aFolderWithoutConfigOrCheckpointIsRefusedByName() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, Main.execute("linprobe", "--resume", empty.toString()));
        assertTrue(err().contains(empty.toString()) && err().contains("not a mae4j run folder"), err());

        Path started = Files.createDirectories(tmp.resolve("started/checkpoints"));
        Files.copy(finetuneRun.resolve("config.conf"), started.getParent().resolve("config.conf"));
        assertEquals(2, Main.execute("finetune", "--resume", started.getParent().toString()));
        assertTrue(err().contains(started.getParent().toString()) && err().contains("no checkpoints/last.ckpt"), err());
    }

    @Test
    void theOtherRecipeAndACheckpointArgumentAreRefused() {
        assertEquals(2, Main.execute("linprobe", "--resume", finetuneRun.toString()));
        assertTrue(err().contains(finetuneRun + " is a finetune run, not linprobe")
                && err().contains("finetune --resume"), err());
        assertEquals(2, Main.execute("finetune", "--resume", finetuneRun.toString(), "checkpoint=" + source));
        assertTrue(err().contains("drop checkpoint="), err());
    }

    @Test
    void aCheckpointWithoutResumeStateStillLoadsButIsNotResumed() throws IOException {
        Path old = Files.createDirectories(tmp.resolve("old/checkpoints"));
        Files.copy(finetuneRun.resolve("config.conf"), old.getParent().resolve("config.conf"));
        Files.copy(finetuneRun.resolve("checkpoints/best.ckpt"), old.resolve("last.ckpt")); // best.ckpt: weights only
        assertEquals(2, Main.execute("finetune", "--resume", old.getParent().toString()));
        assertTrue(err().contains(old.resolve("last.ckpt").toString()) && err().contains("holds no optimizer state"),
                err());
        try (NDManager m = NDManager.newBaseManager()) { // still a classifier for mask-eval
            assertEquals(List.of("blue", "red"), ClassifierCheckpoint.load(old.getParent(), m).classNames());
        }
    }
}
