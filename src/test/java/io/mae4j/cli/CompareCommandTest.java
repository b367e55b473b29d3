package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.report.CompareRuns;
import io.mae4j.tensorboard.EventFileReader;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.run.EpochStats;
import io.mae4j.run.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} on hand-written run folders (config.conf + metrics.csv, no training). */
class CompareCommandTest extends ConsoleCapture {

    @TempDir
    Path tmp;


    /** A fake run: resolved-config keys the comparison reads, and one metrics row per accuracy (NaN = no k-NN). */
    private Path run(Path dir, String mask, int seed, double... acc) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.conf"),
                "name = \"fake\"\nseed = " + seed + "\nmask {\n  name = \"" + mask + "\"\n  mask_ratio = 0.5\n}\n");
        StringBuilder csv = new StringBuilder(RunFolder.METRICS_HEADER).append('\n');
        for (int e = 0; e < acc.length; e++) {
            // guided runs log beta 0.1, 0.2, 0.3 ... and beta_effective half of it
            boolean guided = mask.startsWith("guided");
            csv.append(new EpochStats(e, 10L * (e + 1), 2.0 - 0.1 * e, 1e-3, 50, acc[e], Double.NaN, 1,
                    guided ? 0.1 * (e + 1) : Double.NaN, guided ? 0.05 * (e + 1) : Double.NaN).csvRow()).append('\n');
        }
        Files.writeString(dir.resolve("metrics.csv"), csv);
        return dir;
    }

    @Test
    void comparesARunWithAMultirunAndWritesEveryFile() throws IOException {
        Path random = run(tmp.resolve("runs/synthetic_random/20250101-000000"), "random", 0, 0.2, 0.4, 0.4);
        Path multi = tmp.resolve("runs/synthetic_guided/multirun-20250101-000000");
        run(multi.resolve("0"), "guided_curriculum", 0, 0.3, 0.5, 0.6);
        run(multi.resolve("1"), "guided_curriculum", 1, 0.3, 0.7, 0.8);
        Path dest = tmp.resolve("cmp");

        int rc = Main.execute("compare", "runs=" + random + "," + multi, "out=" + dest);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("| mask.name | runs | best k-NN top-1 |"), printed);
        // random: a = .2 .4 .4, s = .2 .3 .3333, band >= .3233 -> converged at 3 ; AUC (.3 + .4) / 2 = .35 ; loss 1.8
        assertTrue(printed.contains("| random | 1 | 0.4000 ± 0.0000 | 3.0 (single seed) | 0.3500 ± 0.0000 | n/a |"),
                printed);
        // fake runs have no checkpoint: no common-mask loss or baselines, and the report says why
        assertTrue(printed.contains("not computed: no checkpoints/last.ckpt in " + random), printed);
        // guided: best .6 and .8 -> .7 ± .1414 ; both converge at epoch 3 ;
        // AUC (.4 + .55) / 2 = .475 and (.5 + .75) / 2 = .625 -> .55 ± .1061
        assertTrue(printed.contains("| guided_curriculum | 2 | 0.7000 ± 0.1414 | 3.0 ± 0.0 | 0.5500 ± 0.1061 |"), printed);
        for (String f : List.of("accuracy.png", "loss.png", "report.md", "report.json")) {
            assertTrue(Files.size(dest.resolve(f)) > 0, f);
        }
        String md = Files.readString(dest.resolve("report.md"));
        assertTrue(md.contains("| guided_curriculum | 2 |"));
        assertTrue(md.contains("not comparable across mask strategies") && md.contains("| random | 1 | 1.8000 ± 0.0000 |"),
                md);
        assertTrue(md.contains("No difference test: it needs two groups with ≥ 2 runs"), md);
        // each guided run: mean beta (.1 + .2 + .3) / 3 = .2, mean beta_effective .1; the random run has none
        assertTrue(md.contains("/0` (guided_curriculum, seed 0, mean beta_effective 0.100 of mean beta 0.200)"), md);
        assertTrue(md.contains("` (random, seed 0)"), md);
        assertTrue(Files.readString(dest.resolve("report.json")).contains("\"mean_beta_effective\": 0.1"));
        assertTrue(Files.readString(dest.resolve("report.json")).contains("\"group_by\": \"mask.name\""));

        List<Event> ev = EventFileReader.readRun(dest);
        List<Event> acc = ev.stream().filter(e -> tags(e).contains("compare/guided_curriculum/knn_top1")).toList();
        assertEquals(List.of(1L, 2L, 3L), acc.stream().map(Event::getStep).toList());
        assertEquals(0.7f, acc.get(2).getSummary().getValue(0).getSimpleValue(), 1e-6f);
        List<String> all = ev.stream().flatMap(e -> tags(e).stream()).toList();
        assertTrue(all.containsAll(List.of("compare/accuracy", "compare/loss", "compare/report",
                "compare/random/train_loss")), all.toString());
    }

    private static List<String> tags(Event e) {
        return e.getSummary().getValueList().stream().map(Summary.Value::getTag).toList();
    }

    @Test
    void expandsMultirunAndExperimentFolders() throws IOException {
        Path exp = tmp.resolve("runs/e");
        Path a = run(exp.resolve("20250101-000000"), "random", 0, 0.1);
        Path b = run(exp.resolve("multirun-20250102-000000/0"), "random", 0, 0.1);
        Path c = run(exp.resolve("multirun-20250102-000000/1"), "random", 1, 0.1);
        assertEquals(List.of(a, b, c), CompareRuns.expand(List.of(exp)));
        assertEquals(List.of(b, c), CompareRuns.expand(List.of(exp.resolve("multirun-20250102-000000"))));
        assertEquals(List.of(a, b), CompareRuns.expand(List.of(a, b, a)));
        Files.createDirectories(tmp.resolve("empty/x"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CompareRuns.expand(List.of(tmp.resolve("empty"))));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void groupByAnotherKey() throws IOException {
        Path a = run(tmp.resolve("a"), "random", 0, 0.2);
        Path b = run(tmp.resolve("b"), "random", 1, 0.4);
        int rc = Main.execute("compare", "runs=" + a + "," + b, "out=" + tmp.resolve("o"), "group_by=seed");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("| seed | runs |") && printed.contains("| 0 | 1 | 0.2000")
                && printed.contains("| 1 | 1 | 0.4000"), printed);
        List<String> args = new ArrayList<>(List.of("compare", "runs=" + a, "group_by=no.such.key"));
        assertEquals(2, Main.execute(args.toArray(String[]::new)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no.such.key"));
    }

    @Test
    void runsWithoutKnnAreAnErrorNamingThem() throws IOException {
        Path ok = run(tmp.resolve("ok"), "random", 0, 0.2, 0.3);
        Path none = run(tmp.resolve("noknn"), "random", 1, Double.NaN, Double.NaN);
        int rc = Main.execute("compare", "runs=" + ok + "," + none, "out=" + tmp.resolve("o"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, rc);
        assertTrue(e.contains("no k-NN evaluation") && e.contains(none.toString()) && !e.contains(ok + ","), e);
        assertTrue(!Files.exists(tmp.resolve("o/report.md")));
    }
}
