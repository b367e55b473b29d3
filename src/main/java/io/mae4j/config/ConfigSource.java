package io.mae4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@code configs/} tree is read from: a directory on disk or a classpath folder (plain
 * or inside a jar). Paths are relative to the tree root and use {@code '/'}, e.g.
 * {@code "defaults.conf"}, {@code "model/vit_b16.conf"}.
 */
public interface ConfigSource {

    /** The text of a file, or empty when it does not exist. */
    Optional<String> read(String relPath);

    /** The option names of a group: the {@code *.conf} files of folder {@code group}, without the suffix, sorted. */
    List<String> options(String group);

    /** How to name {@code relPath} in messages, e.g. {@code configs/model/vit_b16.conf}. */
    String describe(String relPath);

    /** A {@code configs/} directory on disk. */
    static ConfigSource directory(Path dir) {
        return new DirectorySource(dir);
    }

    /**
     * The folder {@code root} (e.g. {@code "configs"}) as seen by {@code loader}: located via
     * its {@code defaults.conf}; a folder inside a jar is read by opening the jar as a zip file
     * system.
     *
     * @throws ConfigException when {@code root/defaults.conf} is not on the classpath
     */
    static ConfigSource classpath(ClassLoader loader, String root) {
        return ClasspathSource.open(loader, root);
    }
}
