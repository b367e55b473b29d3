package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer in another JVM that is killed: SIGKILL leaves what was flushed, readable; SIGTERM runs
 * the shutdown hook, which flushes the rest.
 */
class KilledWriterTest {

    @TempDir
    Path tmp;

    /** The child: 3 scalars flushed, 2 more queued, then it waits to be killed. */
    public static void main(String[] args) throws Exception {
        EventFileWriter w = EventFileWriter.open(Path.of(args[0]), Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            w.addScalar("x", i, i);
        }
        w.flush();
        w.addScalar("x", 3, 3);
        w.addScalar("x", 4, 4);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }

    @Test
    void sigkillKeepsEverythingFlushed() throws Exception {
        EventFileReader.Contents c = runAndStop(true);
        assertEquals(1 + 3, c.events().size());
        assertFalse(c.tornTail());
    }

    @Test
    void sigtermFlushesThePendingEvents() throws Exception {
        EventFileReader.Contents c = runAndStop(false);
        assertEquals(1 + 5, c.events().size());
        assertFalse(c.tornTail());
    }

    private EventFileReader.Contents runAndStop(boolean kill) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KilledWriterTest.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            if (kill) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook
            } else {
                p.destroy(); // SIGTERM: shutdown hooks run
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        List<Path> files = EventFileReader.eventFiles(tmp);
        assertEquals(1, files.size());
        return EventFileReader.read(files.get(0));
    }
}
