package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.tensorboard.proto.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files cut short (a killed writer) and damaged files. */
class EventFileReaderTest {

    @TempDir
    Path tmp;

    private byte[] whole;
    private long lastRecordStart;

    @BeforeEach
    void writeThreeScalars() throws IOException {
        Path file;
        try (EventFileWriter w = EventFileWriter.open(tmp.resolve("src"), Duration.ofHours(1))) {
            file = w.file();
            w.addScalar("a", 1, 0);
            w.addScalar("a", 2, 1);
            w.flush();
            lastRecordStart = Files.size(file);
            w.addScalar("a", 3, 2);
        }
        whole = Files.readAllBytes(file);
    }

    @Test
    void readsTheWholeFile() throws IOException {
        EventFileReader.Contents c = EventFileReader.read(write("whole", whole));
        assertEquals(4, c.events().size());
        assertEquals(whole.length, c.validBytes());
        assertFalse(c.tornTail());
        assertEquals(List.of(0f, 1f, 2f, 3f), c.events().stream().map(EventFileReaderTest::value).toList());
    }

    @Test
    void stopsCleanlyAtATornTailWhereverTheCutIs() throws IOException {
        for (long cut = lastRecordStart + 1; cut < whole.length; cut++) {
            EventFileReader.Contents c = EventFileReader.read(write("cut" + cut, Arrays.copyOf(whole, (int) cut)));
            assertEquals(3, c.events().size(), "cut at " + cut);
            assertEquals(lastRecordStart, c.validBytes(), "cut at " + cut);
            assertTrue(c.tornTail(), "cut at " + cut);
        }
        EventFileReader.Contents atBoundary = EventFileReader.read(write("b", Arrays.copyOf(whole, (int) lastRecordStart)));
        assertEquals(3, atBoundary.events().size());
        assertFalse(atBoundary.tornTail());
        assertEquals(0, EventFileReader.read(write("empty", new byte[0])).events().size());
    }

    @Test
    void aDamagedRecordIsAnErrorNamingFileAndOffset() throws IOException {
        byte[] dataHit = whole.clone();
        dataHit[(int) lastRecordStart + TfRecords.HEADER_BYTES + 2] ^= 0x01; // inside the last record's data
        Path f = write("data", dataHit);
        IOException e = assertThrows(IOException.class, () -> EventFileReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("byte " + lastRecordStart)
                && e.getMessage().contains("data CRC"), e.getMessage());

        byte[] lengthHit = whole.clone();
        lengthHit[0] ^= 0x01; // the first record's length
        Path g = write("length", lengthHit);
        IOException e2 = assertThrows(IOException.class, () -> EventFileReader.read(g));
        assertTrue(e2.getMessage().contains("byte 0") && e2.getMessage().contains("length"), e2.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve("events.out.tfevents.0." + name);
        Files.write(p, bytes);
        return p;
    }

    private static float value(Event e) {
        return e.hasSummary() ? e.getSummary().getValue(0).getSimpleValue() : 0f;
    }
}
