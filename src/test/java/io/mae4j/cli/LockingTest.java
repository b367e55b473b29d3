package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.run.RunFolder;
import io.mae4j.train.TinyRuns;
import io.mae4j.util.LockHolder;
import io.mae4j.util.ProcessLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 4 of issue 16: one process per run folder and per cache build; a killed holder blocks nobody. */
class LockingTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    @Test
    void aSecondLockInThisProcessIsRefusedWithThePid() throws Exception {
        Path dir = tmp.resolve("run");
        RunFolder f = RunFolder.at(dir);
        try (ProcessLock first = f.lock()) {
            IOException e = assertThrows(IOException.class, f::lock);
            assertTrue(e.getMessage().contains("is in use by another mae4j process (pid "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
        }
        f.lock().close(); // released: free again
    }

    @Test
    void aResumeWaitsForNoOneButRefusesWhileAnotherProcessHoldsTheRun() throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "experiment=quickstart"));
        args.addAll(TinyRuns.sizes(tmp));
        args.addAll(List.of("train.epochs=1", "eval.every=0", "analysis.every=0", "tensorboard.enabled=false"));
        assertEquals(0, Main.execute(args.toArray(String[]::new)), err());
        String runLine = out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow();
        Path run = Path.of(runLine.substring("run folder: ".length()));

        Process holder = LockHolder.start(run.resolve(".lock"));
        try {
            err.reset();
            assertEquals(2, Main.execute("train", "--resume", run.toString(), "train.epochs=2"));
            assertEquals(1, err().strip().lines().count(), err());
            assertTrue(err().contains("run folder " + run + " is in use by another mae4j process (pid "
                    + holder.pid() + ")"), err());
        } finally {
            holder.destroyForcibly().waitFor(); // kill -9: the OS drops its lock, its .lock file stays
        }
        assertEquals(Long.toString(holder.pid()), Files.readString(run.resolve(".lock")).strip());
        assertEquals(0, Main.execute("train", "--resume", run.toString(), "train.epochs=2"), err());
        assertTrue(Files.readString(run.resolve("train.log")).contains("run finished after epoch 2"));
    }

    @Test
    void aSecondCacheBuildSaysAnotherIsRunning() throws Exception {
        Path root = tmp.resolve("synth");
        assertEquals(0, Main.execute("synth", "data.root=" + root, "data.synth.classes=2", "data.synth.train_per_class=2",
                "data.synth.val_per_class=1", "data.synth.image_size=32"));
        assertEquals(0, Main.execute("cache", "build", "data.root=" + root, "cache.workers=1"), err());
        Path sqlite;
        try (var s = Files.list(root.resolve(".mae4j-cache"))) {
            sqlite = s.filter(p -> p.toString().endsWith(".sqlite")).findFirst().orElseThrow();
        }
        Process holder = LockHolder.start(sqlite.resolveSibling(sqlite.getFileName() + ".lock"));
        try {
            err.reset();
            assertEquals(2, Main.execute("cache", "build", "data.root=" + root, "cache.workers=1"));
            assertEquals(1, err().strip().lines().count(), err());
            assertTrue(err().contains("(pid " + holder.pid() + "): another cache build is writing it"), err());
            assertFalse(err().contains("SQLITE"), err());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertEquals(0, Main.execute("cache", "build", "data.root=" + root, "cache.workers=1"), err());
    }
}
