package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error a user can make on the command line, with the text that tells them what to do. */
class ConfigErrorsTest {

    private final ConfigComposer composer = new ConfigComposer(ConfigSource.directory(Path.of("configs")));

    private String error(String... args) {
        return assertThrows(ConfigException.class, () -> composer.compose(List.of(args))).getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "expected <" + part + "> in <" + message + ">");
    }

    @Test
    void unknownKeySuggestsTheClosestKey() {
        assertEquals("unknown key 'train.epoch' (from override 'train.epoch=3'); did you mean 'train.epochs'?",
                error("train.epoch=3"));
        assertEquals("unknown key 'epochs' (from override 'epochs=3'); did you mean 'train.epochs', 'finetune.epochs'"
                + " or 'linprobe.epochs'?", error("epochs=3"));
        assertEquals("unknown key 'batch_size' (from override 'batch_size=8'); did you mean 'eval.batch_size',"
                + " 'train.batch_size' or 'analysis.batch_size'?", error("batch_size=8"));
        assertContains(error("modle=vit_b16"), "did you mean 'model'?");
        assertContains(error("experimnt=quickstart"), "did you mean 'experiment'?");
        assertContains(error("train.epochs.x=1"), "did you mean 'train.epochs'?");
        assertEquals("unknown key 'xyzzy' (from override 'xyzzy=1'); every key must be declared in"
                + " configs/defaults.conf (see it for the full list)", error("xyzzy=1"));
    }

    @Test
    void unknownGroupOptionListsOptionsClosestFirst() {
        assertEquals("no option 'vit_b61' in group 'model' (configs/model/); choose one of: vit_b16, vit_l16,"
                + " vit_s16, vit_tiny_p8_64 (the choice came from the command line 'model=vit_b61')", error("model=vit_b61"));
        assertContains(error("experiment=quikstart"), "choose one of: quickstart, quickstart_guided, none, synthetic_random, synthetic_guided, imagenette_vitb16_guided, imagenette_vitb16_random");
        assertContains(error("model=../defaults"), "no option '../defaults' in group 'model'"); // no path escapes
    }

    @Test
    void typeMismatchNamesKeyExpectedTypeAndValue() {
        assertEquals("key 'train.epochs' expects an integer but got the string \"abc\" (from override"
                + " 'train.epochs=abc'); e.g. train.epochs=5", error("train.epochs=abc"));
        assertContains(error("train.epochs=2.5"), "key 'train.epochs' expects an integer but got the number 2.5");
        assertContains(error("train.blr=fast"), "key 'train.blr' expects a number but got the string \"fast\"");
        assertContains(error("data.mean=0.5"), "key 'data.mean' expects a list of numbers but got the number 0.5");
        assertContains(error("train.epochs=[1,2]"), "key 'train.epochs' expects an integer but got the list [1, 2]");
        assertContains(error("data.mean=[a,b,c]"), "key 'data.mean[0]' expects a number but got the string \"a\"");
        assertContains(error("model.norm_pix_loss=yes"),
                "key 'model.norm_pix_loss' expects a boolean (true or false) but got the string \"yes\"");
        assertContains(error("model.norm_pix_loss=1"), "expects a boolean (true or false) but got the number 1");
        assertContains(error("name=[1]"), "key 'name' expects a string but got the list [1]");
        assertContains(error("train.epochs={a=1}"), "key 'train.epochs' expects an integer but got the object");
    }

    @Test
    void objectReplacedByScalarIsRejected() {
        assertEquals("key 'data.synth' expects an object (a block of keys) but got the number 3 (from override"
                + " 'data.synth=3'); e.g. set its keys one by one, like data.synth.classes=10", error("data.synth=3"));
    }

    @Test
    void malformedArgumentsAreRejected() {
        assertContains(error("train.epochs"), "'train.epochs' is not of the form key=value");
        assertContains(error("=3"), "'=3' has an empty key");
        assertContains(error("train.epochs="), "override 'train.epochs=' has no value; key 'train.epochs' expects an integer");
        assertContains(error("seed=0,1"), "override 'seed=0,1' is a comma list, i.e. a sweep");
        assertContains(error("mask=random,block"), "lists several options of group 'mask'");
        assertContains(error("defaults.model=vit_b16"), "the defaults block cannot be overridden");
        assertContains(error("train.epochs=5 6"), "key 'train.epochs' expects an integer but got the string \"5 6\"");
        assertContains(error("data.mean=[0.5,"), "argument 'data.mean=[0.5,' has an unclosed bracket");
        assertContains(error("train.epochs=5 = 6"), "cannot parse the value of override 'train.epochs=5 = 6'");
        assertContains(error("train.epochs=5 }"), "argument 'train.epochs=5 }' closes a bracket it never opened");
    }

    @Test
    void valueRulesBeyondTypes() {
        assertEquals("key 'runtime.device' is 'cuda' (from override 'runtime.device=cuda'); choose one of: auto, cpu,"
                + " gpu, gpu:N (N = 0, 1, ...)", error("runtime.device=cuda"));
        assertContains(error("data.kind=folder"), "choose one of: image_folder, synthetic");
        assertContains(error("name=../etc"), "name '../etc' (from override 'name=../etc') names the folder runs/<name>/");
        assertContains(error("name=my run"), "use letters, digits");
    }

    @Test
    void unresolvableSubstitutionIsReported() {
        assertContains(error("train.lr=${train.nope}"), "cannot resolve a ${...} substitution");
    }
}
