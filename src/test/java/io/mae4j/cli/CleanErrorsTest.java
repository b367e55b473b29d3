package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.model.io.PthWriter;
import io.mae4j.model.io.StateDict;
import io.mae4j.model.io.TensorData;
import io.mae4j.train.TinyRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 5 of issue 16: each expected error is one line naming the key, file or value and what to do,
 * with no stack trace unless --debug asks for one, and a failed start leaves no run folder.
 */
class CleanErrorsTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    private String[] train(String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "experiment=quickstart"));
        a.addAll(TinyRuns.sizes(tmp));
        a.addAll(List.of("train.epochs=1", "eval.every=0", "analysis.every=0", "tensorboard.enabled=false"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** The one error line; fails when there is more (a stack trace) or none. */
    private String oneLine() {
        List<String> lines = err().lines().filter(l -> !l.isBlank() && !l.startsWith("warning:")
                && !l.matches("^\\d\\d:\\d\\d:\\d\\d \\[.*")).toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("error: "), err());
        return lines.get(0);
    }

    private long runFolders() throws Exception {
        Path runs = tmp.resolve("runs");
        if (!Files.exists(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(runs)) {
            return s.filter(p -> p.getFileName().toString().equals("checkpoints")).count();
        }
    }

    @Test
    void oneBetaIsNamed() throws Exception {
        assertEquals(2, Main.execute(train("train.betas=[0.9]")));
        assertEquals("error: train.betas = [0.9] is invalid: it must hold two numbers [beta1, beta2],"
                + " e.g. train.betas=[0.9,0.95]", oneLine());
        assertEquals(0, runFolders());
    }

    @Test
    void aNegativeBlrIsNamedWithItsValue() throws Exception {
        assertEquals(2, Main.execute(train("train.blr=-1")));
        assertEquals("error: train.blr = -1.0 is invalid: it must be more than 0 (or 0 with an absolute train.lr > 0)",
                oneLine());
    }

    @Test
    void aZeroMaskRatioFailsBeforeAnyRunFolderExists() throws Exception {
        assertEquals(2, Main.execute(train("mask.mask_ratio=0")));
        assertTrue(oneLine().contains("mask.mask_ratio = 0.0 removes no patch out of 16"), err());
        assertEquals(0, runFolders());
        assertFalse(Files.exists(tmp.resolve("runs/quickstart")), "not even the experiment folder");
    }

    @Test
    void aStaleCacheRefusalLeavesNoRunFolder() throws Exception {
        assertEquals(2, Main.execute(train("mask=guided_curriculum")));
        assertTrue(oneLine().contains("Build it first"), err());
        assertEquals(0, runFolders());
    }

    @Test
    void datasetProblemsAreOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty/train/a"));
        assertEquals(2, Main.execute(train("data=image_folder", "data.root=" + empty.getParent().getParent())));
        assertTrue(oneLine().contains("No image files"), err());

        err.reset();
        Path noVal = Files.createDirectories(tmp.resolve("noval/train/a"));
        Files.write(noVal.resolve("x.png"), new byte[] {1, 2, 3});
        assertEquals(2, Main.execute(train("data=image_folder", "data.root=" + noVal.getParent().getParent(),
                "eval.every=1")));
        assertTrue(oneLine().contains("has no 'val' split"), err());

        err.reset();
        for (int i = 0; i < 8; i++) {
            Files.write(noVal.resolve(i + ".png"), new byte[] {1, 2, 3}); // all corrupt
        }
        assertEquals(2, Main.execute(train("data=image_folder", "data.root=" + noVal.getParent().getParent())));
        assertTrue(oneLine().contains("could be decoded"), err());
        assertEquals(0, runFolders() - 1, "the run started (a folder with train.log saying why it stopped)");
        try (Stream<Path> s = Files.walk(tmp.resolve("runs"))) {
            Path log = s.filter(p -> p.getFileName().toString().equals("train.log")).findFirst().orElseThrow();
            assertTrue(Files.readString(log).contains("run stopped: error: None of the"), Files.readString(log));
        }
    }

    @Test
    void aStrictImportMismatchIsOneLineWithTrueAdvice() throws Exception {
        Path pth = tmp.resolve("other.pth");
        PthWriter.write(new StateDict("other").put("foo.weight", new TensorData(new long[] {2}, new float[] {1, 2})), pth);
        assertEquals(2, Main.execute(train("model.init_weights=" + pth)));
        String line = oneLine();
        assertTrue(line.contains("strict import of"), line);
        assertTrue(line.contains("model=<preset>"), line);
        assertFalse(line.contains("non-strictly"), line);
        assertEquals(0, runFolders());
    }

    @Test
    void aDivergedRunIsOneLineAndDebugShowsTheTrace() throws Exception {
        int rc = Main.execute(train("train.lr=0.0", "train.blr=1e5", "train.warmup_epochs=0", "train.epochs=4"));
        assertTrue(rc == 1 || rc == 2, "failed: " + rc);
        String line = oneLine();
        assertTrue(line.startsWith("error: loss became") || line.startsWith("error: the weights became"), line);
        assertTrue(line.contains("/4"), "epoch k/n as the progress lines print it: " + line);

        err.reset();
        assertEquals(2, Main.execute(train("train.betas=[0.9]", "--debug")));
        assertTrue(err().contains("\tat io.mae4j.train.TrainSettings.from"), err());
    }
}
