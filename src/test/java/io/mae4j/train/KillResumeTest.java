package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.mae4j.report.AnalysisPlots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.mae4j.run.ResumeConfig;
import io.mae4j.run.RunFolder;

/**
 * A real {@code kill -9} of a training process (a child JVM), then {@code --resume}: the resumed
 * run must end with the same per-epoch losses as an uninterrupted one.
 */
@Tag("slow")
class KillResumeTest {

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesToTheSameLossCurve() throws Exception {
        Pretrainer.Result reference = TinyRuns.run(tmp.resolve("ref"), "train.epochs=6", "eval.every=0");

        Path work = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
                "io.mae4j.cli.Main", "train"));
        cmd.addAll(TinyRuns.args(work, "train.epochs=6", "eval.every=0"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path runDir = null;
        long deadline = System.nanoTime() + 120_000_000_000L;
        // wait until at least two epochs are checkpointed, then kill -9 wherever the child is
        while (System.nanoTime() < deadline && p.isAlive()) {
            runDir = findRun(work.resolve("runs/quickstart"));
            if (runDir != null && Files.exists(runDir.resolve("metrics.csv"))
                    && Files.readAllLines(runDir.resolve("metrics.csv")).size() >= 3) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "child finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        p.destroyForcibly().waitFor(); // SIGKILL
        assertTrue(runDir != null);

        RunFolder folder = RunFolder.open(runDir);
        ResumeConfig rc = ResumeConfig.load(folder, List.of());
        Pretrainer.Result resumed = Pretrainer.run(new Pretrainer.Request(rc.config(), rc.rendered(),
                rc.overrides(), folder, true, AnalysisPlots::pngs));
        assertEquals(6, resumed.history().size());
        for (int e = 0; e < 6; e++) {
            // same draws, same state; the BLAS may still round differently when the restored
            // arrays sit at other addresses (seen once: 2e-5 relative), so compare to 1e-4 relative
            double want = reference.history().get(e).trainLoss();
            assertEquals(want, resumed.history().get(e).trainLoss(), 1e-4 * want,
                    "epoch " + (e + 1));
            assertEquals(e, resumed.history().get(e).epoch());
        }
    }

    private static Path findRun(Path exp) throws Exception {
        if (!Files.isDirectory(exp)) {
            return null;
        }
        try (Stream<Path> s = Files.list(exp)) {
            return s.findFirst().orElse(null);
        }
    }
}
