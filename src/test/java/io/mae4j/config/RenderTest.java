package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderTest {

    private final ConfigComposer composer = new ConfigComposer(ConfigSource.directory(Path.of("configs")));

    @Test
    void renderParsesBackToAnEqualConfig() {
        for (String exp : composer.groups().get("experiment")) {
            ComposedConfig c = composer.compose(List.of("experiment=" + exp, "train.lr=0.001", "data.mean=[0.5,0.5,0.5]",
                    "seed=3.0", "data.root=a\nb \"q\"", "model.mlp_ratio=2"));
            assertEquals(c.config(), ConfigFactory.parseString(c.render()), exp);
        }
    }

    @Test
    void renderIsSortedReadableAndHasAHeader() {
        ComposedConfig c = composer.compose(List.of("experiment=quickstart", "train.epochs=3"));
        String text = c.render();
        assertTrue(text.startsWith("# mae4j resolved config, experiment 'quickstart'\n"
                + "# groups: model=vit_tiny_p8_64 data=synthetic_textured mask=random train=default eval=knn experiment=quickstart\n"
                + "# overrides: experiment=quickstart train.epochs=3\n\n"), text);
        int data = text.indexOf("\ndata {");
        int defaults = text.indexOf("\ndefaults {");
        int eval = text.indexOf("\neval {");
        int model = text.indexOf("\nmodel {");
        int train = text.indexOf("\ntrain {");
        assertTrue(0 < data && data < defaults && defaults < eval && eval < model && model < train, text);
        assertTrue(text.contains("\n  mlp_ratio = 4.0\n"), "reals keep their decimal point");
        assertTrue(text.contains("\n  blr = 3e-3\n"), "numbers as written");
        assertTrue(text.contains("\n  crop_scale = [0.2, 1.0]\n"), "lists on one line");
        assertTrue(text.contains("\n  epochs = 3\n"));
        assertTrue(text.contains("\nname = \"quickstart\"\n"));
        assertFalse(text.contains("defaults.conf"), "no origin comments");
    }

    @Test
    void headerStaysOneLinePerFieldWhateverTheOverrides() {
        ComposedConfig c = composer.compose(List.of("data.root=a\nb"));
        String[] lines = c.render().split("\n");
        assertEquals("# overrides: data.root=a\\nb", lines[2]);
        assertEquals("a\nb", ConfigFactory.parseString(c.render()).getString("data.root"));
    }
}
