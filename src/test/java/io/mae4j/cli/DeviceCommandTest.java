package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.train.TinyRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime.device} on the command line of this GPU-less test machine (CPU natives): a GPU asked for is
 * refused in seconds with one line and no run folder; {@code doctor}'s report and exit code.
 */
class DeviceCommandTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    private List<String> tiny(String... extra) {
        List<String> a = new ArrayList<>(TinyRuns.sizes(tmp));
        a.addAll(List.of("train.epochs=1", "eval.every=0"));
        a.addAll(List.of(extra));
        return a;
    }

    private static String[] cmd(String command, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    /** The refusal: exit 2, exactly one line on stderr naming what DJL found, no stack trace, nothing written. */
    private void assertRefused(String... argv) {
        err.reset();
        long t0 = System.nanoTime();
        assertEquals(2, Main.execute(argv), err());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String e = err().strip();
        List<String> lines = e.lines().toList();
        assertEquals(1, lines.size(), "one line: " + e);
        assertTrue(e.startsWith("error: runtime.device=gpu"), e);
        assertTrue(e.contains("asks for a GPU but DJL sees none: CPU natives loaded (libtorch 2.7.1 cpu from "), e);
        assertFalse(e.contains("\tat ") || e.contains("Exception"), e);
        assertFalse(Files.exists(tmp.resolve("runs")), "no run folder (nor runs_dir) may be created");
        assertTrue(seconds < 30, String.format(Locale.ROOT, "refused in %.1f s", seconds));
    }

    @Test
    void trainWithAGpuThatIsNotSeenIsRefusedBeforeARunFolderExists() {
        assertRefused(cmd("train", tiny("runtime.device=gpu")));
        assertRefused(cmd("train", tiny("runtime.device=gpu:1")));
        List<String> sweep = new ArrayList<>(List.of("--multirun"));
        sweep.addAll(tiny("runtime.device=cpu,gpu"));
        assertRefused(cmd("train", sweep)); // the gpu member stops the whole sweep before its folder exists
    }

    @Test
    void anUnknownSpellingIsAConfigError() {
        assertEquals(2, Main.execute(cmd("train", tiny("runtime.device=cuda:0"))));
        assertTrue(err().contains("choose one of: auto, cpu, gpu, gpu:N"), err());
        assertFalse(Files.exists(tmp.resolve("runs")));
    }

    @Test
    void autoTrainsOnTheCpuAndSaysSo() throws IOException {
        assertEquals(0, Main.execute(cmd("train", tiny("runtime.device=auto"))), err());
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/default"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertTrue(Files.readString(run.resolve("train.log")).contains("device cpu() (runtime.device=auto)"),
                "train.log names the device");
    }

    @Test
    void doctorReportsAndExitsZeroWhenTheRunCanStart() {
        assertEquals(0, Main.execute(cmd("doctor", tiny())), out() + err());
        String o = out();
        for (String want : List.of("java ", "build          DJL 0.35.1, PyTorch 2.7.1, flavour cpu (natives bundled)",
                "engine         PyTorch 2.7.1 loaded", "GPUs           0: CPU natives loaded",
                "device         runtime.device=auto -> cpu()", "threads        intra-op ", "OMP wait ",
                "DJL cache ", "OpenCV         4.", "runs_dir ", "writable", "GiB free", "data.root ",
                "ok: the configured run can start")) {
            assertTrue(o.contains(want), "missing '" + want + "' in\n" + o);
        }
        assertFalse(o.contains("fix:"), o);
        assertFalse(Files.exists(tmp.resolve("runs")), "doctor writes nothing");
    }

    @Test
    void doctorExitsNonZeroWithTheFixWhenTheRunCannotStart() {
        assertEquals(1, Main.execute(cmd("doctor", tiny("runtime.device=gpu"))), out() + err());
        assertTrue(out().contains("device         runtime.device=gpu -> refused"), out());
        assertTrue(out().contains("fix:  runtime.device=gpu asks for a GPU but DJL sees none: CPU natives loaded"), out());
        assertTrue(out().contains("not ready: 1 problem above"), out());

        out.reset();
        Path missing = tmp.resolve("no-such-set");
        assertEquals(1, Main.execute("doctor", "data=image_folder", "data.root=" + missing,
                "runs_dir=" + tmp.resolve("runs")), out() + err());
        assertTrue(out().contains("fix:  data.root=" + missing + " has no readable train/ folder"), out());
    }
}
