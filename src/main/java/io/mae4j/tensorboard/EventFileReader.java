package io.mae4j.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mae4j.tensorboard.proto.Event;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a TFRecord event file back, checking both CRCs of every record. A record cut short at the
 * end of the file (a writer killed while appending) ends the reading cleanly and is reported in
 * {@link Contents#tornTail()}; a CRC mismatch or an undecodable event anywhere is an error naming
 * the file and byte offset.
 */
public final class EventFileReader {

    /** Records longer than this are taken as corruption rather than allocated. */
    private static final long MAX_RECORD_BYTES = 1L << 30;

    /**
     * What a file holds.
     *
     * @param events the events of every complete record, in file order
     * @param validBytes length of the prefix made of complete records
     * @param tornTail whether bytes of an incomplete record follow that prefix
     */
    public record Contents(List<Event> events, long validBytes, boolean tornTail) {}

    private EventFileReader() {}

    /** Reads every complete record of {@code file}. */
    public static Contents read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        long offset = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new byte[TfRecords.HEADER_BYTES];
            while (true) {
                int got = in.readNBytes(header, 0, header.length);
                if (got == 0) {
                    return new Contents(events, offset, false);
                }
                if (got < header.length) {
                    return new Contents(events, offset, true);
                }
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long length = h.getLong(0);
                int lengthCrc = h.getInt(8);
                if (TfRecords.maskedCrc32c(header, 0, 8) != lengthCrc) {
                    throw corrupt(file, offset, "the length field's CRC does not match");
                }
                if (length < 0 || length > MAX_RECORD_BYTES) {
                    throw corrupt(file, offset, "implausible record length " + length);
                }
                byte[] data = new byte[(int) length + TfRecords.FOOTER_BYTES];
                if (in.readNBytes(data, 0, data.length) < data.length) {
                    return new Contents(events, offset, true);
                }
                int dataCrc = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt((int) length);
                if (TfRecords.maskedCrc32c(data, 0, (int) length) != dataCrc) {
                    throw corrupt(file, offset, "the data CRC does not match");
                }
                try {
                    events.add(Event.parseFrom(ByteBuffer.wrap(data, 0, (int) length)));
                } catch (InvalidProtocolBufferException e) {
                    throw corrupt(file, offset, "the record is not an Event (" + e.getMessage() + ")");
                }
                offset += TfRecords.HEADER_BYTES + data.length;
            }
        }
    }

    /** The event files of a run folder ({@code *tfevents*}, not recursive), in name order (= time order). */
    public static List<Path> eventFiles(Path runDir) throws IOException {
        try (Stream<Path> s = Files.list(runDir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().contains("tfevents")).sorted()
                    .toList();
        }
    }

    /** The events of all event files of a run folder, file after file. */
    public static List<Event> readRun(Path runDir) throws IOException {
        List<Event> all = new ArrayList<>();
        for (Path f : eventFiles(runDir)) {
            all.addAll(read(f).events());
        }
        return all;
    }

    private static IOException corrupt(Path file, long offset, String what) {
        return new IOException(String.format(Locale.ROOT,
                "corrupt TensorBoard event file %s: record at byte %d: %s (the file was modified or damaged)", file,
                offset, what));
    }
}
