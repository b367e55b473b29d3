package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short training run in a JVM whose young generation is 4 MB (a garbage collection every few
 * iterations, also between forwards and backwards) logs bitwise the losses and gradient norms of the same
 * run in a JVM with the default heap. Before the gradient path stopped using {@code Number} operands,
 * such runs turned NaN or silently drifted (see {@code io.mae4j.model.Scalars}).
 */
class ForkedGcRunTest {

    @Test
    void aRunUnderGcPressureLogsTheReferenceLossesBitwise(@TempDir Path tmp) throws Exception {
        List<String> reference = trace(List.of(), runArgs(tmp, "runs-ref"));
        List<String> pressured = trace(List.of("-Xmn4m"), runArgs(tmp, "runs-gc"));
        assertEquals("RC 0", reference.get(0), "reference run: " + reference);
        assertEquals("RC 0", pressured.get(0), "-Xmn4m run (a NaN stops it): " + pressured);
        assertTrue(reference.size() > 20, "losses and gradient norms of every iteration are traced: " + reference);
        assertEquals(reference, pressured, "the run under GC pressure drifted from the reference");
    }

    /**
     * A short random-mask run of the quickstart model (64 px, 8 px patches, batch 16) on 96 generated
     * silhouettes, 3 epochs of 6 iterations, every iteration logged, nothing else evaluated: the batches
     * are large enough that a 4 MB young generation fills several times per iteration.
     */
    static List<String> runArgs(Path tmp, String runsDir) {
        return List.of("train", "experiment=quickstart", "data.root=" + tmp.resolve("data"), "data.synth.classes=3",
                "data.synth.train_per_class=32", "data.synth.val_per_class=4", "data.num_workers=1",
                "train.batch_size=16", "train.epochs=3", "seed=2", "eval.every=0", "analysis.every=0",
                "train.log_every=1", "tensorboard.log_every=1", "runs_dir=" + tmp.resolve(runsDir));
    }

    /** Runs {@link LossTrace} in a new JVM with {@code jvmOptions}; returns its RC and LOSS lines. */
    static List<String> trace(List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LossTrace.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the traced run did not end");
        List<String> lines = new ArrayList<>();
        out.lines().filter(l -> l.startsWith("RC ")).forEach(lines::add);
        out.lines().filter(l -> l.startsWith("LOSS ")).forEach(lines::add);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("RC ")).count(), "no exit code traced:\n" + out);
        return lines;
    }
}
