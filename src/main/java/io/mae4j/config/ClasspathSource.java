package io.mae4j.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A {@code configs/} tree on the classpath. A plain folder (e.g. {@code target/classes/configs})
 * is read like a directory; a folder inside a jar is copied into memory once, through the jar
 * opened as a zip file system, so no file handle stays open.
 */
final class ClasspathSource implements ConfigSource {

    private final Map<String, String> files; // relPath -> text
    private final String label;

    private ClasspathSource(Map<String, String> files, String label) {
        this.files = files;
        this.label = label;
    }

    static ConfigSource open(ClassLoader loader, String root) {
        String marker = root + "/defaults.conf";
        URL url = loader.getResource(marker);
        if (url == null) {
            throw new ConfigException("no '" + marker + "' on the classpath; run from a folder that holds"
                    + " configs/defaults.conf, or rebuild the jar (mvn package embeds configs/)");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return new DirectorySource(Path.of(url.toURI()).getParent(), "classpath:" + root);
            }
            if ("jar".equals(url.getProtocol())) {
                Path jar = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
                return new ClasspathSource(snapshot(jar, root), "classpath:" + root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + url, e);
        } catch (URISyntaxException e) {
            throw new ConfigException("cannot open " + url + ": " + e.getMessage(), e);
        }
        throw new ConfigException("cannot read configs from " + url + ": only folders and jar files are supported");
    }

    /** Reads every file under {@code /root} of the jar. */
    private static Map<String, String> snapshot(Path jar, String root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (FileSystem zip = FileSystems.newFileSystem(jar, (ClassLoader) null)) {
            Path base = zip.getPath("/" + root);
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isRegularFile(p)) {
                        out.put(base.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> read(String relPath) {
        return Optional.ofNullable(files.get(relPath));
    }

    @Override
    public List<String> options(String group) {
        List<String> out = new ArrayList<>();
        String prefix = group + "/";
        for (String rel : files.keySet()) {
            if (rel.startsWith(prefix) && rel.endsWith(DirectorySource.SUFFIX)) {
                String name = rel.substring(prefix.length(), rel.length() - DirectorySource.SUFFIX.length());
                if (!name.contains("/") && !name.startsWith(".")) {
                    out.add(name);
                }
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    @Override
    public String describe(String relPath) {
        return label + "/" + relPath;
    }

    @Override
    public String toString() {
        return label;
    }
}
