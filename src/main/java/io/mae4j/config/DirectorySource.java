package io.mae4j.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@code configs/} tree in a directory (of the local disk or of a zip file system). */
final class DirectorySource implements ConfigSource {

    static final String SUFFIX = ".conf";

    private final Path dir;
    private final String label;

    DirectorySource(Path dir) {
        this(dir, dir.toString());
    }

    /** @param label the prefix used by {@link #describe} */
    DirectorySource(Path dir, String label) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("config directory '" + dir + "' does not exist or is not a directory");
        }
        this.dir = dir;
        this.label = label;
    }

    @Override
    public Optional<String> read(String relPath) {
        Path p = dir.resolve(relPath);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(describe(relPath) + " is not valid UTF-8 (" + firstBadByte(p)
                    + "): save it as UTF-8 (e.g. iconv -f latin1 -t utf-8) or remove the character");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(relPath), e);
        }
    }

    /** "byte 0xE9 at line 3, column 12" for the first byte that is not valid UTF-8, or "" when none is found. */
    static String firstBadByte(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
            java.nio.charset.CoderResult r = dec.decode(in, out, true);
            if (!r.isError()) {
                return "";
            }
            int pos = in.position();
            int line = 1;
            int col = 1;
            for (int i = 0; i < pos; i++) {
                if (b[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((b[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            return String.format(java.util.Locale.ROOT, "byte 0x%02X at line %d, column %d", b[pos] & 0xFF, line, col);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public List<String> options(String group) {
        Path g = dir.resolve(group);
        if (!Files.isDirectory(g)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(g)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + describe(group + "/"), e);
        }
    }

    @Override
    public String describe(String relPath) {
        return label.endsWith("/") ? label + relPath : label + "/" + relPath;
    }

    @Override
    public String toString() {
        return label;
    }
}
