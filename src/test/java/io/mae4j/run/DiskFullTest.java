package io.mae4j.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 4 of issue 16: a write that fails (disk full) names the file, removes its temp file, keeps the old one. */
class DiskFullTest {

    @TempDir
    Path tmp;

    /** Accepts {@code room} bytes, then fails as a full disk does. */
    private static OutputStream fullAfter(OutputStream out, int room) {
        return new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > room) {
                    throw new IOException("No space left on device");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    private static byte[] noise() {
        byte[] b = new byte[100_000];
        new java.util.Random(1).nextBytes(b); // incompressible: the zip stream must write it all
        return b;
    }

    @Test
    void aFullDiskLeavesThePreviousCheckpointAndNoTempFile() throws Exception {
        Path file = tmp.resolve("checkpoints/last.ckpt");
        ZipArchive.write(file, sink -> sink.put("a", new byte[] {1, 2, 3}));
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> ZipArchive.write(file,
                sink -> sink.put("a", noise()), out -> fullAfter(out, 4096)));
        assertTrue(e.getMessage().startsWith("cannot write " + file + " (No space left on device)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the temporary file was removed and the previous last.ckpt is intact"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("checkpoints/last.ckpt.tmp")), "the temp file is gone");
        assertArrayEquals(before, Files.readAllBytes(file));

        Path fresh = tmp.resolve("checkpoints/other.ckpt");
        e = assertThrows(IOException.class, () -> ZipArchive.write(fresh, sink -> sink.put("a", noise()),
                out -> fullAfter(out, 10)));
        assertTrue(e.getMessage().endsWith("no earlier other.ckpt existed"), e.getMessage());
        assertFalse(Files.exists(fresh));
    }
}
