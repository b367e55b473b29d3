package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading configs/ from the classpath: the build's resource copy and a jar. */
class ClasspathSourceTest {

    @TempDir
    Path tmp;

    @Test
    void classpathCopyMatchesTheWorkingDirectoryTree() {
        ConfigSource cp = ConfigSource.classpath(getClass().getClassLoader(), "configs");
        ConfigComposer fromClasspath = new ConfigComposer(cp);
        ConfigComposer fromDir = new ConfigComposer(ConfigSource.directory(Path.of("configs")));
        assertEquals(fromDir.groups(), fromClasspath.groups());
        for (String exp : fromDir.groups().get("experiment")) {
            List<String> args = List.of("experiment=" + exp);
            assertEquals(fromDir.compose(args).config(), fromClasspath.compose(args).config());
        }
        assertEquals("classpath:configs/model/vit_b16.conf", cp.describe("model/vit_b16.conf"));
    }

    @Test
    void groupsAndComposeWorkFromAJar() throws IOException {
        Path jar = tmp.resolve("cfg.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "configs/defaults.conf", "defaults { model = small, experiment = none }\n"
                    + "name = \"\"\nmodel { name = small, width = 8 }\n");
            put(out, "configs/model/small.conf", "model.name = small\n");
            put(out, "configs/model/big.conf", "model { name = big, width = 64 }\n");
            put(out, "configs/model/README.md", "not an option\n");
            put(out, "configs/model/sub/nested.conf", "model.width = 1\n");
            put(out, "configs/experiment/none.conf", "");
            put(out, "configs/experiment/wide.conf", "defaults { model = big }\nmodel.width = 128\n");
            put(out, "other/defaults.conf", "x = 1\n");
        }
        ConfigComposer composer;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            composer = new ConfigComposer(ConfigSource.classpath(loader, "configs"));
        }
        // the loader is closed: the jar was read once, nothing stays open
        assertEquals(Map.of("model", List.of("big", "small"), "experiment", List.of("none", "wide")), composer.groups());
        assertEquals(List.of("model", "experiment"), List.copyOf(composer.groups().keySet()));
        ComposedConfig wide = composer.compose(List.of("experiment=wide"));
        assertEquals("big", wide.choices().get("model"));
        assertEquals(128, wide.config().getInt("model.width"));
        assertEquals("wide", wide.experimentName());
        assertEquals(8, composer.compose(List.of()).config().getInt("model.width"));
        String m = assertThrows(ConfigException.class, () -> composer.compose(List.of("model=bgi"))).getMessage();
        assertTrue(m.startsWith("no option 'bgi' in group 'model' (classpath:configs/model/); choose one of: big, small"), m);
    }

    @Test
    void missingConfigsOnTheClasspathIsExplained() throws IOException {
        Path jar = tmp.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "readme.txt", "nothing\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            String m = assertThrows(ConfigException.class, () -> ConfigSource.classpath(loader, "configs")).getMessage();
            assertTrue(m.contains("no 'configs/defaults.conf' on the classpath"), m);
        }
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
