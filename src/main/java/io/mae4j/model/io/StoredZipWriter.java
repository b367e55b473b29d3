package io.mae4j.model.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes uncompressed (STORED) zip entries with a fixed timestamp, so equal content gives equal
 * bytes. Entry data can be aligned (PyTorch aligns storages to 64 bytes) by padding the local
 * header's extra field, as PyTorch's own writer does.
 */
final class StoredZipWriter implements AutoCloseable {

    // 1980-01-01 itself would make the JDK add an extended-timestamp field; any later fixed date avoids it
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final int LOCAL_HEADER = 30;
    private static final int PAD_FIELD_ID = 0x4246; // "FB", the id PyTorch uses for its padding field

    private final Counting counter;
    private final ZipOutputStream zip;

    StoredZipWriter(Path file) throws IOException {
        counter = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        zip = new ZipOutputStream(counter);
    }

    /** Adds one entry whose data starts at a multiple of {@code align} bytes (1 = no alignment). */
    void add(String name, byte[] data, int align) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setTimeLocal(FIXED_TIME);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        if (align > 1) {
            int nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            long start = counter.count + LOCAL_HEADER + nameBytes + 4;
            int pad = (int) ((align - start % align) % align);
            byte[] extra = new byte[4 + pad];
            extra[0] = (byte) (PAD_FIELD_ID & 0xff);
            extra[1] = (byte) (PAD_FIELD_ID >>> 8);
            extra[2] = (byte) (pad & 0xff);
            extra[3] = (byte) (pad >>> 8);
            java.util.Arrays.fill(extra, 4, extra.length, (byte) 'Z');
            e.setExtra(extra);
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Counts bytes written through it (the zip writer writes headers straight into it). */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
