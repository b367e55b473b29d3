package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.mae4j.model.MaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Composes every file of configs/ (alone and in every combination) and checks the values make sense. */
class AllConfigsTest {

    private final Path dir = Path.of("configs");
    private final ConfigComposer composer = new ConfigComposer(ConfigSource.directory(dir));
    private final Map<String, List<String>> groups = composer.groups();
    private final Config base = composer.compose(List.of()).config();

    @Test
    void everyFileBelongsToAGroup() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(dir.relativize(p).toString()));
        }
        Set<String> expected = new TreeSet<>();
        expected.add("defaults.conf");
        groups.forEach((g, options) -> options.forEach(o -> expected.add(g + "/" + o + ".conf")));
        assertEquals(expected, files);
    }

    @Test
    void everyGroupOptionComposesAndChangesOnlyItsOwnSection() {
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            if (e.getKey().equals("experiment")) {
                continue;
            }
            for (String option : e.getValue()) {
                Config c = composer.compose(List.of(e.getKey() + "=" + option)).config();
                assertSensible(c, e.getKey() + "=" + option);
                for (String key : leaves(c)) {
                    if (!key.startsWith(e.getKey() + ".") && !key.startsWith("defaults.")) {
                        assertEquals(base.getValue(key), c.getValue(key), e.getKey() + "=" + option + " changes " + key);
                    }
                }
            }
        }
    }

    @Test
    void everyExperimentComposesWithItsOwnChoices() throws IOException {
        for (String exp : groups.get("experiment")) {
            ComposedConfig c = composer.compose(List.of("experiment=" + exp));
            assertSensible(c.config(), "experiment=" + exp);
            assertEquals(exp.equals("none") ? "default" : exp, c.experimentName());
            String text = Files.readString(dir.resolve("experiment/" + exp + ".conf"));
            if (!exp.equals("none")) {
                assertTrue(text.startsWith("# java -jar target/mae4j.jar train experiment=" + exp + "\n"),
                        exp + ".conf must start with the command that runs it");
            }
        }
        ComposedConfig b16 = composer.compose(List.of("experiment=imagenette_vitb16_random"));
        assertEquals("vit_b16", b16.choices().get("model"));
        assertEquals("imagenette_320", b16.choices().get("data"));
        assertEquals(100, b16.config().getInt("train.epochs"));
        assertEquals(10, b16.config().getInt("train.warmup_epochs"));
        assertTrue(b16.config().getBoolean("model.norm_pix_loss"));
        ComposedConfig quick = composer.compose(List.of("experiment=quickstart"));
        assertEquals(64, quick.config().getInt("model.img_size"));
        assertEquals("synthetic", quick.config().getString("data.kind"));
        ComposedConfig b16g = composer.compose(List.of("experiment=imagenette_vitb16_guided"));
        assertEquals("guided_curriculum", b16g.config().getString("mask.name"));
        assertEquals(0.5, b16g.config().getDouble("mask.mask_ratio"));
        for (String k : List.of("model.name", "data.name", "train.epochs", "train.warmup_epochs", "model.norm_pix_loss")) {
            assertEquals(b16.config().getValue(k), b16g.config().getValue(k), "random vs guided ViT-B/16 differ in " + k);
        }
        Config synR = composer.compose(List.of("experiment=synthetic_random")).config();
        Config synG = composer.compose(List.of("experiment=synthetic_guided")).config();
        assertEquals("random", synR.getString("mask.name"));
        assertEquals("guided_curriculum", synG.getString("mask.name"));
        assertEquals(2, synG.getInt("mask.guided.beta_every"));
        for (String k : List.of("mask.mask_ratio", "model.name", "data.name", "train.epochs", "train.blr", "eval.every")) {
            assertEquals(synR.getValue(k), synG.getValue(k), "synthetic random vs guided differ in " + k);
        }
        // the quickstart story's halves differ only in the masking (and their names)
        Config qr = quick.config();
        Config qg = composer.compose(List.of("experiment=quickstart_guided")).config();
        assertEquals("random", qr.getString("mask.name"));
        assertEquals("guided_curriculum", qg.getString("mask.name"));
        assertEquals("silhouette_textured", qr.getString("data.synth.style"));
        for (String key : leaves(qr)) {
            if (!key.startsWith("mask.") && !key.startsWith("defaults.") && !key.equals("name")) {
                assertEquals(qr.getValue(key), qg.getValue(key), "quickstart vs quickstart_guided differ in " + key);
            }
        }
        assertEquals(qr.getValue("mask.mask_ratio"), qg.getValue("mask.mask_ratio"));
    }

    @Test
    @Tag("slow")
    void everyCombinationOfOptionsComposes() {
        List<List<String>> runs = List.of(List.of());
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> run : runs) {
                for (String option : e.getValue()) {
                    List<String> r = new ArrayList<>(run);
                    r.add(e.getKey() + "=" + option);
                    next.add(r);
                }
            }
            runs = next;
        }
        int expected = groups.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        assertEquals(expected, runs.size());
        Set<String> keys = leaves(base);
        for (List<String> run : runs) {
            ComposedConfig c = composer.compose(run);
            assertSensible(c.config(), run.toString());
            assertEquals(keys, leaves(c.config()), run + " must keep exactly the declared keys");
            for (String arg : run) { // command-line choices beat the experiment's defaults block
                String[] kv = arg.split("=");
                assertEquals(kv[1], c.choices().get(kv[0]));
            }
        }
    }

    private static Set<String> leaves(Config c) {
        return c.entrySet().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Values every consumer relies on. */
    private static void assertSensible(Config c, String what) {
        // model: a valid MAE shape (MaeConfig checks divisibility and sin-cos widths)
        MaeConfig m = new MaeConfig(c.getInt("model.img_size"), c.getInt("model.patch_size"), c.getInt("model.in_chans"),
                c.getInt("model.embed_dim"), c.getInt("model.depth"), c.getInt("model.num_heads"),
                c.getDouble("model.mlp_ratio"), c.getInt("model.decoder_embed_dim"), c.getInt("model.decoder_depth"),
                c.getInt("model.decoder_num_heads"), c.getBoolean("model.norm_pix_loss"));
        assertEquals(0, m.imgSize() % m.patchSize(), what);
        assertEquals(0, m.embedDim() % m.numHeads(), what);
        assertTrue(m.depth() > 0 && m.decoderDepth() > 0 && m.mlpRatio() > 0, what);
        assertFalse(c.getString("model.name").isEmpty(), what);
        // data
        assertEquals(m.inChans(), c.getDoubleList("data.mean").size(), what);
        assertEquals(m.inChans(), c.getDoubleList("data.std").size(), what);
        assertTrue(c.getDoubleList("data.std").stream().allMatch(s -> s > 0), what);
        List<Double> scale = c.getDoubleList("data.crop_scale");
        List<Double> ratio = c.getDoubleList("data.crop_ratio");
        assertTrue(scale.size() == 2 && 0 < scale.get(0) && scale.get(0) <= scale.get(1) && scale.get(1) <= 1, what);
        assertTrue(ratio.size() == 2 && 0 < ratio.get(0) && ratio.get(0) <= ratio.get(1), what);
        assertTrue(c.getDouble("data.hflip") >= 0 && c.getDouble("data.hflip") <= 1, what);
        assertFalse(c.getString("data.root").isEmpty(), what);
        assertTrue(c.getInt("data.synth.classes") > 1 && c.getInt("data.synth.image_size") > 0, what);
        // mask
        double r = c.getDouble("mask.mask_ratio");
        assertTrue(r > 0 && r < 1, what);
        assertTrue(c.getInt("mask.block.min_num_patches") >= 1 && c.getInt("mask.block.max_num_patches") >= 0, what);
        assertTrue(c.getDouble("mask.block.min_aspect") > 0 && c.getDouble("mask.block.min_aspect") <= 1, what);
        // train
        int epochs = c.getInt("train.epochs");
        assertTrue(epochs > 0 && c.getInt("train.batch_size") > 0 && c.getInt("train.accum_iter") >= 1, what);
        assertTrue(c.getInt("train.warmup_epochs") >= 0 && c.getInt("train.warmup_epochs") <= epochs, what);
        assertTrue(c.getDouble("train.blr") > 0 && c.getDouble("train.lr") >= 0 && c.getDouble("train.min_lr") >= 0, what);
        assertTrue(c.getDouble("train.weight_decay") >= 0 && c.getDouble("train.clip_grad") >= 0, what);
        List<Double> betas = c.getDoubleList("train.betas");
        assertTrue(betas.size() == 2 && betas.stream().allMatch(b -> b > 0 && b < 1), what);
        assertTrue(c.getInt("train.log_every") > 0 && c.getInt("train.checkpoint_every") > 0, what);
        assertTrue(c.getInt("train.keep_checkpoints") >= 1, what);
        // eval
        assertTrue(c.getInt("eval.every") >= 0 && c.getInt("eval.knn_k") > 0 && c.getDouble("eval.knn_t") > 0, what);
        assertTrue(c.getInt("eval.batch_size") > 0, what);
        // classifiers: the linprobe / finetune sections pass their own validation
        for (io.mae4j.classify.HeadKind kind : io.mae4j.classify.HeadKind.values()) {
            io.mae4j.classify.ClassifierSettings cs = io.mae4j.classify.ClassifierSettings.from(c, kind);
            assertTrue(cs.peakLr() > 0 && cs.warmupEpochs() <= cs.epochs(), what + " " + kind);
        }
        // runtime and naming
        assertTrue(c.getInt("runtime.threads") >= 1 && c.getInt("runtime.interop_threads") >= 1, what);
        assertFalse(c.getString("name").isEmpty(), what);
        for (ConfigValue v : List.of(c.getValue("seed"), c.getValue("train.epochs"))) {
            assertTrue(v.unwrapped() instanceof Integer, what + ": integers stay integers");
        }
    }
}
