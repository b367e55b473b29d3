package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {

    @Test
    void parseSplitsAtTheFirstEqualsAndTrims() {
        Overrides.Assignment a = Overrides.parse(" train.epochs = 100 ");
        assertEquals("train.epochs", a.key());
        assertEquals("100", a.value());
        assertEquals("b=c", Overrides.parse("name=b=c").value());
        assertEquals("", Overrides.parse("name=").value());
    }

    @Test
    void parseRejectsMissingEqualsAndEmptyKey() {
        ConfigException noEq = assertThrows(ConfigException.class, () -> Overrides.parse("train.epochs"));
        assertTrue(noEq.getMessage().contains("'train.epochs' is not of the form key=value"), noEq.getMessage());
        ConfigException empty = assertThrows(ConfigException.class, () -> Overrides.parse("=5"));
        assertTrue(empty.getMessage().contains("'=5' has an empty key"), empty.getMessage());
    }

    @Test
    void splitTopLevelIgnoresCommasInBracketsBracesAndQuotes() {
        assertEquals(List.of("0", "1", "2"), Overrides.splitTopLevel("0, 1,2"));
        assertEquals(List.of("[0.5,0.5]", "[1,1]"), Overrides.splitTopLevel("[0.5,0.5],[1,1]"));
        assertEquals(List.of("{a=1,b=2}"), Overrides.splitTopLevel("{a=1,b=2}"));
        assertEquals(List.of("\"a,b\"", "c"), Overrides.splitTopLevel("\"a,b\",c"));
        assertEquals(List.of("\"x\\\",y\""), Overrides.splitTopLevel("\"x\\\",y\"")); // escaped quote
        assertEquals(List.of("[[1,2],[3]]"), Overrides.splitTopLevel("[[1,2],[3]]"));
        assertEquals(List.of(""), Overrides.splitTopLevel(""));
    }

    @Test
    void splitTopLevelRejectsUnbalancedInput() {
        assertThrows(ConfigException.class, () -> Overrides.splitTopLevel("[1,2"));
        assertThrows(ConfigException.class, () -> Overrides.splitTopLevel("1]"));
        assertThrows(ConfigException.class, () -> Overrides.splitTopLevel("\"abc"));
    }
}
