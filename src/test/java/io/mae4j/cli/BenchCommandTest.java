package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each new {@code bench} section runs end to end with tiny parameters and writes well-formed JSON
 * with its fields (no timing is asserted: this machine is shared). Argument errors are usage errors.
 */
class BenchCommandTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    private Path synth;

    @BeforeEach
    void tinySet() {
        synth = tmp.resolve("synth");
        SyntheticDataset.ensure(synth, new SynthSpec(2, 8, 1, 32, false, 0)); // 16 training images of 32 px
    }

    private JsonObject bench(String... args) throws Exception {
        Path json = tmp.resolve("out.json");
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "json=" + json;
        assertEquals(0, Main.execute(all), err());
        assertTrue(out().contains("JSON written to " + json), out());
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(o.getAsJsonObject("environment").has("threads"));
        assertTrue(o.get("peak_rss_mib").getAsDouble() > 0);
        return o;
    }

    private static void hasStats(JsonObject o, String key) {
        JsonObject s = o.getAsJsonObject(key);
        assertTrue(s != null, key + " missing in " + o);
        double median = s.get("median").getAsDouble();
        assertTrue(s.get("min").getAsDouble() <= median && median <= s.get("max").getAsDouble(), key + ": " + s);
    }

    @Test
    @Tag("slow")
    void dataSectionComparesTheLoaderWithTraining() throws Exception {
        JsonObject d = bench("what=data", "root=" + synth, "batch=4", "reps=2", "warmup=0", "workers=1")
                .getAsJsonObject("data");
        assertEquals(16, d.get("images_per_epoch").getAsInt());
        assertEquals(1, d.get("workers").getAsInt());
        hasStats(d, "epoch_ms");
        assertEquals(2, d.getAsJsonObject("epoch_ms").get("n").getAsInt());
        double ratio = d.get("img_per_s").getAsDouble() / d.get("train_img_per_s").getAsDouble();
        assertEquals(ratio, d.get("ratio_to_train").getAsDouble(), 1e-9 * ratio);
        assertTrue(out().contains("data 64 px, batch 4, 1 workers"), out());
    }

    @Test
    @Tag("slow")
    void memorySectionWritesTheRssSeries() throws Exception {
        JsonObject m = bench("what=memory", "root=" + synth, "batch=2", "steps=10", "every=2", "workers=1")
                .getAsJsonObject("memory");
        assertEquals(10, m.get("steps").getAsInt());
        List<String> csv = m.get("samples_csv").getAsString().lines().toList();
        assertEquals("step,rss_mib", csv.get(0));
        assertEquals(1 + 6, csv.size(), "step 1, then every 2 steps up to 10");
        assertTrue(csv.get(csv.size() - 1).startsWith("10,"), csv.toString());
        for (String k : List.of("rss_first_mib", "rss_last_mib", "rss_max_mib", "growth_percent", "img_per_s")) {
            assertTrue(Double.isFinite(m.get(k).getAsDouble()), k + " in " + m);
        }
        hasStats(m, "step_ms");
    }

    @Test
    void siftCacheAndMaskSectionsRun() throws Exception {
        JsonObject o = bench("what=sift", "images=3", "reps=2", "warmup=0");
        JsonObject s = o.getAsJsonObject("sift");
        assertEquals(3, s.get("images").getAsInt());
        assertTrue(s.get("keypoints_per_img").getAsDouble() > 0, "the painter's shapes give keypoints");
        hasStats(s, "pass_ms");

        JsonObject c = bench("what=cache", "images=10", "reps=1", "warmup=0", "workers=1").getAsJsonObject("cache");
        assertEquals(10, c.get("images").getAsInt());
        assertTrue(c.get("img_per_s").getAsDouble() > 0);
        hasStats(c, "build_ms");

        JsonObject m = bench("what=mask", "batch=2", "reps=2", "warmup=0").getAsJsonObject("mask");
        hasStats(m, "guided_mask_ms");
        hasStats(m, "random_step_ms");
        double ratio = m.get("guided_step_ms").getAsJsonObject().get("median").getAsDouble()
                / m.get("random_step_ms").getAsJsonObject().get("median").getAsDouble();
        assertEquals(ratio, m.get("step_ratio").getAsDouble(), 1e-9 * ratio);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, Main.execute("bench", "what=everything"));
        assertTrue(err().contains("memory"), err());
        assertEquals(2, Main.execute("bench", "stepz=3"));
        assertTrue(err().contains("'stepz'") && err().contains("steps"), err());
    }
}
