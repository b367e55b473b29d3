package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Composition order and value parsing, on the project's own configs/ tree. */
class ConfigComposerTest {

    private final ConfigComposer composer = new ConfigComposer(ConfigSource.directory(Path.of("configs")));

    private Config compose(String... args) {
        return composer.compose(List.of(args)).config();
    }

    @Test
    void noArgumentsGiveDefaultsConfChoicesAndValues() {
        ComposedConfig c = composer.compose(List.of());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("model", "vit_tiny_p8_64");
        expected.put("data", "synthetic");
        expected.put("mask", "random");
        expected.put("train", "default");
        expected.put("eval", "knn");
        expected.put("experiment", "none");
        assertEquals(expected, c.choices());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(c.choices().keySet())); // application order
        assertEquals("default", c.experimentName());
        assertEquals("default", c.config().getString("name")); // "" replaced by the experiment name
        assertEquals(5, c.config().getInt("train.epochs"));
        assertEquals(64, c.config().getInt("model.img_size"));
        assertEquals("vit_tiny_p8_64", c.config().getString("defaults.model")); // the choices are recorded
    }

    @Test
    void groupFileOverridesDefaults() {
        Config c = compose("model=vit_b16");
        assertEquals("vit_b16", c.getString("model.name"));
        assertEquals(768, c.getInt("model.embed_dim"));
        assertEquals(224, c.getInt("model.img_size"));
        assertEquals(3, c.getInt("model.in_chans")); // untouched keys keep their defaults
    }

    @Test
    void experimentOverridesGroupFilesAndOverridesBeatEverything() {
        // train/debug sets epochs 1, batch 8, log_every 1; experiment quickstart sets epochs 20, batch 64
        Config c = compose("train=debug", "experiment=quickstart");
        assertEquals(20, c.getInt("train.epochs"));
        assertEquals(64, c.getInt("train.batch_size"));
        assertEquals(1, c.getInt("train.log_every")); // not set by the experiment: the group's value stays
        Config o = compose("train=debug", "experiment=quickstart", "train.epochs=7");
        assertEquals(7, o.getInt("train.epochs"));
    }

    @Test
    void experimentDefaultsBlockChoosesGroupsAndTheCommandLineBeatsIt() {
        ComposedConfig exp = composer.compose(List.of("experiment=imagenette_vitb16_random"));
        assertEquals("vit_b16", exp.choices().get("model"));
        assertEquals("imagenette_320", exp.choices().get("data"));
        assertEquals("knn", exp.choices().get("eval")); // not in the block: defaults.conf
        assertEquals("imagenette_vitb16_random", exp.experimentName());
        assertEquals(true, exp.config().getBoolean("model.norm_pix_loss"));
        assertEquals(768, exp.config().getInt("model.embed_dim"));

        ComposedConfig cli = composer.compose(List.of("model=vit_s16", "experiment=imagenette_vitb16_random"));
        assertEquals("vit_s16", cli.choices().get("model"));
        assertEquals(384, cli.config().getInt("model.embed_dim"));
        assertEquals(true, cli.config().getBoolean("model.norm_pix_loss")); // experiment keys still apply
    }

    @Test
    void argumentOrderDoesNotMatter() {
        Config a = compose("train.epochs=7", "experiment=quickstart", "train=debug", "model=vit_s16");
        Config b = compose("model=vit_s16", "train=debug", "experiment=quickstart", "train.epochs=7");
        assertEquals(a, b);
        assertEquals(7, a.getInt("train.epochs"));
    }

    @Test
    void laterRepeatedArgumentsWin() {
        Config c = compose("train.epochs=3", "model=vit_s16", "train.epochs=4", "model=vit_l16");
        assertEquals(4, c.getInt("train.epochs"));
        assertEquals("vit_l16", c.getString("model.name"));
    }

    @Test
    void overrideValuesAreParsedAsHocon() {
        Config c = compose("train.epochs=100", "data.mean=[0.5,0.5,0.5]", "name=foo", "model.norm_pix_loss=true",
                "train.lr=0.001", "model.mlp_ratio=2", "data.root=/data/my images@2024", "seed=3.0");
        assertInstanceOf(Integer.class, c.getValue("train.epochs").unwrapped()); // ints stay ints
        assertEquals(100, c.getInt("train.epochs"));
        assertEquals(List.of(0.5, 0.5, 0.5), c.getDoubleList("data.mean"));
        assertEquals("foo", c.getString("name"));
        assertEquals(true, c.getBoolean("model.norm_pix_loss"));
        assertEquals(0.001, c.getDouble("train.lr"));
        assertEquals(2.0, c.getDouble("model.mlp_ratio")); // an int where a real is declared is fine
        assertEquals("/data/my images@2024", c.getString("data.root")); // strings are taken literally
        assertEquals(3, c.getInt("seed"));                 // 3.0 is a whole number
    }

    @Test
    void stringOverridesTakeQuotedAndNumericText() {
        assertEquals("a,b", compose("data.root=\"a,b\"").getString("data.root"));
        assertEquals("2024", compose("name=2024").getString("name"));
        assertEquals("quickstart", composer.compose(List.of("experiment=quickstart", "name=")).experimentName());
    }

    @Test
    void objectOverridesMergeIntoTheBlock() {
        Config c = compose("data.synth={classes=3, image_size=32}");
        assertEquals(3, c.getInt("data.synth.classes"));
        assertEquals(32, c.getInt("data.synth.image_size"));
        assertEquals(64, c.getInt("data.synth.train_per_class"));
    }

    @Test
    void experimentNameRules() {
        assertEquals("default", composer.compose(List.of()).experimentName());
        assertEquals("quickstart", composer.compose(List.of("experiment=quickstart")).experimentName());
        assertEquals("mine", composer.compose(List.of("experiment=quickstart", "name=mine")).experimentName());
        assertEquals("mine", composer.compose(List.of("name=mine")).experimentName());
        assertEquals("default", composer.compose(List.of("experiment=none")).experimentName());
    }

    @Test
    void substitutionsResolveAgainstTheComposedConfig() {
        Config c = compose("model=vit_b16", "data.synth.image_size=${model.img_size}", "train.lr=${train.blr}");
        assertEquals(224, c.getInt("data.synth.image_size"));
        assertEquals(1.5e-4, c.getDouble("train.lr"));
    }

    @Test
    void overridesAreRecordedAsGiven() {
        ComposedConfig c = composer.compose(List.of("experiment=quickstart", " seed = 3", "model=vit_s16"));
        assertEquals(List.of("experiment=quickstart", "seed=3", "model=vit_s16"), c.overrides());
    }

    @Test
    void groupsListsSortedOptionsInApplicationOrder() {
        Map<String, List<String>> g = composer.groups();
        assertEquals(List.of("model", "data", "mask", "train", "eval", "experiment"), List.copyOf(g.keySet()));
        assertEquals(List.of("vit_b16", "vit_l16", "vit_s16", "vit_tiny_p8_64"), g.get("model"));
        assertEquals(List.of("image_folder", "imagenette_160", "imagenette_320", "synthetic", "synthetic_silhouette",
                "synthetic_textured"),
                g.get("data"));
        assertEquals(List.of("block", "guided_curriculum", "random", "theta_bottom", "theta_top"), g.get("mask"));
        assertEquals(List.of("debug", "default", "mae_official"), g.get("train"));
        assertEquals(List.of("knn", "none"), g.get("eval"));
        assertEquals(List.of("imagenette_vitb16_guided", "imagenette_vitb16_random", "none", "quickstart",
                "quickstart_guided", "synthetic_guided", "synthetic_random"), g.get("experiment"));
    }

    @Test
    void locateFindsTheWorkingDirectoryTree() {
        assertEquals(composer.groups(), ConfigComposer.locate().groups());
        assertEquals(compose("experiment=quickstart"), ConfigComposer.locate().compose(List.of("experiment=quickstart")).config());
    }
}
