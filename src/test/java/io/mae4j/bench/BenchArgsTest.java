package io.mae4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the checking of {@code bench} arguments: errors name the key and list the valid ones. */
class BenchArgsTest {

    @Test
    void unknownKeyIsNamedWithTheValidKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(List.of("what=data", "repz=3")));
        assertTrue(e.getMessage().contains("'repz'"), e.getMessage());
        assertTrue(e.getMessage().contains("reps") && e.getMessage().contains("steps")
                && e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void unknownSectionListsTheSections() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(List.of("what=dat")));
        assertTrue(e.getMessage().contains("what=dat"), e.getMessage());
        for (String s : List.of("train", "data", "sift", "cache", "mask", "analysis", "memory", "all")) {
            assertTrue(e.getMessage().contains(s), s + " missing in: " + e.getMessage());
        }
    }

    @Test
    void numbersAreCheckedWithTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(List.of("steps=many")));
        assertTrue(e.getMessage().contains("steps=many"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("reps=-1")));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("noequals")));
    }

    @Test
    void allRunsEverySectionButMemory() {
        BenchArgs all = BenchArgs.parse(List.of());
        assertEquals("all", all.what());
        for (String s : List.of("train", "data", "sift", "cache", "mask", "analysis")) {
            assertTrue(all.runs(s), s);
        }
        assertFalse(all.runs("memory"));
        BenchArgs mem = BenchArgs.parse(List.of("what=memory", "steps=20"));
        assertTrue(mem.runs("memory"));
        assertFalse(mem.runs("train"));
        assertEquals(20, mem.positive("steps", 1000));
        assertEquals(1000, BenchArgs.parse(List.of("steps=0")).positive("steps", 1000), "0 = the default");
    }
}
