package io.mae4j.train;

import io.mae4j.cli.Main;
import io.mae4j.tensorboard.EventFileReader;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs {@code mae4j train <args>} in this JVM, then prints the run's per-iteration {@code train/loss} and
 * {@code train/grad_norm} as exact float bits ({@code LOSS <step> <tag> <hex>}) and its exit code
 * ({@code RC <n>}). Forked under {@code -Xmn4m} by {@link ForkedGcRunTest} and by the GC soak script
 * ({@code src/test/scripts/gc-soak.sh}) to compare runs bitwise. {@code runs_dir=...} must be among the args.
 */
public final class LossTrace {

    private LossTrace() {}

    public static void main(String[] args) throws IOException {
        int rc = Main.execute(args);
        System.out.println("RC " + rc);
        Path runs = Path.of(List.of(args).stream().filter(a -> a.startsWith("runs_dir=")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("LossTrace needs runs_dir=<folder>")).substring(9));
        Path run = newestRun(runs);
        for (Event e : EventFileReader.readRun(run)) {
            if (!e.hasSummary()) {
                continue;
            }
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getTag().equals("train/loss") || v.getTag().equals("train/grad_norm")) {
                    System.out.println(String.format(Locale.ROOT, "LOSS %d %s %08x", e.getStep(), v.getTag(),
                            Float.floatToRawIntBits(v.getSimpleValue())));
                }
            }
        }
        System.out.flush();
        System.exit(rc);
    }

    /** The most recently modified folder holding an event file under {@code runs}. */
    static Path newestRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.walk(runs, 3)) {
            return s.filter(p -> p.getFileName().toString().contains("tfevents")).map(Path::getParent)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("no run with an event file under " + runs));
        }
    }
}
