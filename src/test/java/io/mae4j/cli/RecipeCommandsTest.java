package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.cache.CacheReader;
import io.mae4j.app.QuickstartStory;
import io.mae4j.app.TinyStory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache build scorer=bootstrap} and the {@code quickstart} story, end to end on tiny runs. */
@Tag("slow")
class RecipeCommandsTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    private int run(String command, List<String> args) {
        String[] all = new String[args.size() + (command.equals("cache") ? 2 : 1)];
        int i = 0;
        all[i++] = command;
        if (command.equals("cache")) {
            all[i++] = "build";
        }
        for (String a : args) {
            all[i++] = a;
        }
        return Main.execute(all);
    }

    @Test
    void cacheBuildBootstrapPrintsBothSteps() {
        assertEquals(0, run("cache", TinyStory.args(tmp, "scorer=bootstrap", "cache.bootstrap_epochs=1",
                "experiment=quickstart")), err());
        String o = out();
        Path dir = tmp.resolve("runs/quickstart-bootstrap");
        assertTrue(o.contains("bootstrap 1/2: random-mask pre-training, 1 epochs, in " + dir), o);
        assertTrue(o.contains("bootstrap 2/2: θ score cache scored by " + dir.resolve("checkpoints/last.ckpt")), o);
        assertTrue(o.contains("32 images, 0 already cached, 32 written"), o);
        assertTrue(Files.isRegularFile(dir.resolve("metrics.csv")));
    }

    @Test
    void quickstartRunsRandomThenCacheThenGuidedThenCompare() throws Exception {
        assertEquals(0, run("quickstart", TinyStory.args(tmp, "seed=3")), err());
        String o = out();
        for (String step : List.of("quickstart 1/4", "quickstart 2/4", "quickstart 3/4", "quickstart 4/4")) {
            assertTrue(o.contains(step), step + " missing from\n" + o);
        }
        Path randomDir = single(tmp.resolve("runs").resolve(QuickstartStory.RANDOM));
        Path guidedDir = single(tmp.resolve("runs").resolve(QuickstartStory.GUIDED));
        Config random = ConfigFactory.parseFile(randomDir.resolve("config.conf").toFile()).resolve();
        Config guided = ConfigFactory.parseFile(guidedDir.resolve("config.conf").toFile()).resolve();
        assertEquals("random", random.getString("mask.name"));
        assertEquals("guided_curriculum", guided.getString("mask.name"));
        for (Config c : List.of(random, guided)) { // the arguments reach both runs
            assertEquals(3, c.getInt("seed"));
            assertEquals(32, c.getInt("model.embed_dim"));
            assertEquals(2, c.getInt("train.epochs"));
        }
        assertEquals(random.getDouble("mask.mask_ratio"), guided.getDouble("mask.mask_ratio"));
        // the guided run read the cache scored by the random run's last checkpoint
        Path cache = Path.of(guided.getString("mask.guided.cache"));
        CacheReader r = CacheReader.openUnchecked(cache);
        assertEquals(32, r.size());
        assertTrue(r.header().scorerFingerprint().contains(randomDir.resolve("checkpoints/last.ckpt").toAbsolutePath()
                .toString()), r.header().scorerFingerprint());
        // the comparison of the two
        Path report = single(tmp.resolve("runs/quickstart_compare")).resolve("report.md");
        String md = Files.readString(report);
        assertTrue(md.contains("| random | 1 |") && md.contains("| guided_curriculum | 1 |"), md);
        assertTrue(md.contains(randomDir.toString()) && md.contains(guidedDir.toString()), md);
        for (String f : List.of("accuracy.png", "loss.png", "report.json")) {
            assertTrue(Files.size(report.resolveSibling(f)) > 0, f);
        }
        assertTrue(o.strip().endsWith(")") && o.contains("report:      " + report.toAbsolutePath()), o);
    }

    private static Path single(Path parent) throws Exception {
        try (var s = Files.list(parent)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
