package io.mae4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path tmp;

    @Test
    void createsDistinctFoldersAndWritesProvenance() throws IOException {
        RunFolder a = RunFolder.create(tmp, "exp");
        RunFolder b = RunFolder.create(tmp, "exp");
        assertNotEquals(a.dir(), b.dir());
        assertEquals(tmp.resolve("exp"), a.dir().getParent());
        assertTrue(Files.isDirectory(a.checkpoints()));
        a.writeProvenance("seed = 3\n", List.of("model=vit_s16", "seed=3"), 3, "abc123");
        assertEquals("seed = 3\n", Files.readString(a.dir().resolve("config.conf")));
        assertEquals(List.of("model=vit_s16", "seed=3"), Files.readAllLines(a.dir().resolve("overrides.txt")));
        String run = Files.readString(a.dir().resolve("run.json"));
        assertTrue(run.contains("\"dataset_fingerprint\": \"abc123\""), run);
        assertTrue(run.contains("\"seed\": 3"), run);
        assertTrue(run.contains("\"git_commit\""), run);
        assertTrue(run.contains("\"start_time\""), run);
        assertEquals(RunFolder.sha256("seed = 3\n"), com.google.gson.JsonParser.parseString(run)
                .getAsJsonObject().get("config_sha256").getAsString());
    }

    @Test
    void metricsRoundTripAndTruncateOnResume() throws IOException {
        RunFolder f = RunFolder.at(tmp.resolve("r"));
        for (int e = 0; e < 4; e++) {
            f.appendMetrics(new EpochStats(e, 10L * (e + 1), 1.0 / (e + 1), 1e-4, 100 + e,
                    e % 2 == 0 ? Double.NaN : 0.25 * e, Double.NaN, 2.5));
        }
        List<EpochStats> rows = f.readMetrics();
        assertEquals(4, rows.size());
        assertEquals(0.5, rows.get(1).trainLoss(), 1e-6);
        assertEquals(0.25, rows.get(1).knnTop1(), 1e-9);
        assertTrue(Double.isNaN(rows.get(2).knnTop1()));
        f.truncateMetrics(2);
        rows = f.readMetrics();
        assertEquals(2, rows.size());
        assertEquals(1, rows.get(1).epoch());
        assertTrue(Files.readAllLines(f.dir().resolve("metrics.csv")).get(0).startsWith("epoch,"));
    }

    @Test
    void openRejectsFolderWithoutConfig() {
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(tmp));
        assertTrue(e.getMessage().contains("not a mae4j run folder"), e.getMessage());
    }

    @Test
    void epochStatsParseRejectsShortRows() {
        assertThrows(IllegalArgumentException.class, () -> EpochStats.parse("1,2,3"));
    }
}
