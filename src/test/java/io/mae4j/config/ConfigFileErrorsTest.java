package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes inside config files: each error names the file (and line) at fault. */
class ConfigFileErrorsTest {

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void copyConfigs() throws IOException {
        dir = tmp.resolve("configs");
        Path src = Path.of("configs");
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private String error(String file, String text, String... args) throws IOException {
        Files.writeString(dir.resolve(file), text);
        return assertThrows(ConfigException.class,
                () -> new ConfigComposer(ConfigSource.directory(dir)).compose(List.of(args))).getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "expected <" + part + "> in <" + message + ">");
    }

    @Test
    void unknownKeyInGroupFileNamesFileAndLine() throws IOException {
        String m = error("train/bad.conf", "# comment\ntrain { epoch = 3 }\n", "train=bad");
        assertEquals("unknown key 'train.epoch' (from " + dir.resolve("train/bad.conf") + ": 2); did you mean"
                + " 'train.epochs'?", m);
    }

    @Test
    void typeMismatchInExperimentFileNamesFile() throws IOException {
        String m = error("experiment/bad.conf", "train.batch_size = \"big\"\n", "experiment=bad");
        assertContains(m, "key 'train.batch_size' expects an integer but got the string \"big\" (from "
                + dir.resolve("experiment/bad.conf") + ": 1)");
    }

    @Test
    void nullInAFileIsRejected() throws IOException {
        assertContains(error("train/bad.conf", "train.epochs = null\n", "train=bad"),
                "key 'train.epochs' expects an integer but got null");
    }

    @Test
    void scalarReplacedByObjectInAFile() throws IOException {
        assertContains(error("model/bad.conf", "model.depth { x = 1 }\n", "model=bad"),
                "key 'model.depth' expects an integer but got the object");
    }

    @Test
    void experimentDefaultsBlockIsChecked() throws IOException {
        assertContains(error("experiment/bad.conf", "defaults { modle = vit_b16 }\n", "experiment=bad"),
                "names 'modle', which is not a group; did you mean 'model'?");
        assertContains(error("experiment/bad.conf", "defaults { model = vit_b61 }\n", "experiment=bad"),
                "no option 'vit_b61' in group 'model' (" + dir.resolve("model") + "/); choose one of: vit_b16");
        assertContains(error("experiment/bad.conf", "defaults { model = vit_b61 }\n", "experiment=bad"),
                "(the choice came from the defaults block of " + dir.resolve("experiment/bad.conf") + ")");
        assertContains(error("experiment/bad.conf", "defaults { experiment = quickstart }\n", "experiment=bad"),
                "an experiment cannot include another one");
        assertContains(error("experiment/bad.conf", "defaults = 3\n", "experiment=bad"), "must be a block like");
    }

    @Test
    void defaultsBlockOnlyInDefaultsAndExperiments() throws IOException {
        assertContains(error("model/bad.conf", "defaults { data = synthetic }\n", "model=bad"),
                "bad.conf has a defaults block; only defaults.conf and experiment files may choose group options");
    }

    @Test
    void parseErrorNamesTheFile() throws IOException {
        assertContains(error("model/bad.conf", "model { img_size = }\n", "model=bad"),
                "cannot parse " + dir.resolve("model/bad.conf"));
    }

    @Test
    void brokenDefaultsConfFailsAtConstruction() throws IOException {
        String conf = Files.readString(dir.resolve("defaults.conf"));
        Files.writeString(dir.resolve("defaults.conf"), conf.replace("model = vit_tiny_p8_64", "model = vit_huge"));
        String m = assertThrows(ConfigException.class, () -> new ConfigComposer(ConfigSource.directory(dir))).getMessage();
        assertContains(m, "no option 'vit_huge' in group 'model'");
        assertContains(m, "the defaults block of " + dir.resolve("defaults.conf"));

        Files.writeString(dir.resolve("defaults.conf"), conf.replace("seed = 0 ", "seed = null "));
        m = assertThrows(ConfigException.class, () -> new ConfigComposer(ConfigSource.directory(dir))).getMessage();
        assertContains(m, "declares 'seed' as null");

        Files.delete(dir.resolve("defaults.conf"));
        assertThrows(ConfigException.class, () -> new ConfigComposer(ConfigSource.directory(dir)));
    }

    @Test
    void emptyGroupFolderIsReported() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("eval"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        String m = assertThrows(ConfigException.class, () -> new ConfigComposer(ConfigSource.directory(dir))).getMessage();
        assertContains(m, "group 'eval' has no options: add " + dir.resolve("eval") + "/<option>.conf");
    }

    @Test
    void aNonUtf8ByteNamesTheFileLineAndByte() throws IOException {
        Files.write(dir.resolve("train/latin1.conf"), "# r\u00e9glages\ntrain { epochs = 3 }\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String m = assertThrows(ConfigException.class,
                () -> new ConfigComposer(ConfigSource.directory(dir)).compose(List.of("train=latin1"))).getMessage();
        assertEquals(dir.resolve("train/latin1.conf") + " is not valid UTF-8 (byte 0xE9 at line 1, column 4): save it"
                + " as UTF-8 (e.g. iconv -f latin1 -t utf-8) or remove the character", m);
    }

    @Test
    void aLocalConfigsFolderWithoutDefaultsIsIgnoredOutLoud() throws IOException {
        Files.delete(dir.resolve("defaults.conf"));
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ConfigComposer.locate(dir).compose(List.of());
        } finally {
            System.setErr(old);
        }
        assertEquals("warning: " + dir.toAbsolutePath() + " has no defaults.conf, so it is ignored and the built-in"
                + " configs are used; put a complete tree there (the repository's configs/ folder, with defaults.conf)"
                + " to use your own, or rename the folder", err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    }
}
