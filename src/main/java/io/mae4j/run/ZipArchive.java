package io.mae4j.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The container of mae4j's checkpoint files (pre-training and classifier): a zip of named entries,
 * written to a sibling {@code .tmp}, forced to disk and moved over the target, so a crash leaves the
 * old file or the new one, never a torn one.
 */
public final class ZipArchive {

    /** Adds one entry. */
    @FunctionalInterface
    public interface Sink {
        void put(String name, byte[] data) throws IOException;
    }

    /** Fills an archive through a {@link Sink}. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Sink sink) throws IOException;
    }

    /** Receives each entry of an archive in file order. */
    @FunctionalInterface
    public interface Visitor {
        void entry(String name, byte[] data) throws IOException;
    }

    private ZipArchive() {}

    /**
     * Writes {@code file} atomically (parent folders are created).
     *
     * @param file the target
     * @param contents writes the entries
     */
    public static void write(Path file, Contents contents) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream fos = Files.newOutputStream(tmp);
                ZipOutputStream zip = new ZipOutputStream(fos)) {
            contents.writeTo((name, data) -> {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(data);
                zip.closeEntry();
            });
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads every entry of {@code file}.
     *
     * @throws IOException from the file or the visitor; a malformed zip may also throw a RuntimeException
     */
    public static void read(Path file, Visitor visitor) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                visitor.entry(e.getName(), zip.readAllBytes());
            }
        }
    }
}
