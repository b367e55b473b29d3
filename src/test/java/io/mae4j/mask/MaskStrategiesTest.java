package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** Pins the ServiceLoader registry and the config keys of the built-in strategies. */
class MaskStrategiesTest {

    private static Config section(String hocon) {
        return ConfigFactory.parseString(hocon);
    }

    @Test
    void findsBuiltInStrategiesByName() {
        assertTrue(MaskStrategies.available().containsAll(java.util.List.of("block", "random")));
        MaskStrategy random = MaskStrategies.create(section("name = random, mask_ratio = 0.6"));
        assertInstanceOf(RandomMaskStrategy.class, random);
        assertEquals(0.6, ((RandomMaskStrategy) random).maskRatio());
        assertEquals("random", random.name());
        MaskStrategy block = MaskStrategies.create("block",
                section("mask_ratio = 0.4, block { min_num_patches = 8, max_num_patches = 0, min_aspect = 0.5 }"));
        assertEquals("BlockMaskStrategy[maskRatio=0.4, minNumPatches=8, maxNumPatches=0, minAspect=0.5]",
                block.toString());
        // no fallback default in code: a missing key names itself and where its default lives
        IllegalArgumentException noBlock = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create("block", section("mask_ratio = 0.4")));
        assertTrue(noBlock.getMessage().contains("mask.block.min_num_patches is missing")
                && noBlock.getMessage().contains("configs/defaults.conf"), noBlock.getMessage());
    }

    @Test
    void unknownNameListsAvailableClosestFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create("blok", section("mask_ratio = 0.5")));
        assertTrue(e.getMessage().contains("'blok'"), e.getMessage());
        assertTrue(e.getMessage().contains("closest first: block, random"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create("randm", section("mask_ratio = 0.5")));
        assertTrue(r.getMessage().contains("closest first: random, block"), r.getMessage());
    }

    @Test
    void badOrMissingKeysNameTheKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create("random", section("")));
        assertTrue(missing.getMessage().contains("mask.mask_ratio"), missing.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create("block", section("mask_ratio = 0.5, block.min_num_patches = lots")));
        assertTrue(wrongType.getMessage().contains("mask.block.min_num_patches"), wrongType.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create(section("name = random, mask_ratio = 1.5")));
        assertTrue(range.getMessage().contains("mask.mask_ratio"), range.getMessage());
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class,
                () -> MaskStrategies.create(section("mask_ratio = 0.5")));
        assertTrue(noName.getMessage().contains("mask.name"), noName.getMessage());
    }

    @Test
    void editDistance() {
        assertEquals(0, MaskStrategies.editDistance("block", "BLOCK"));
        assertEquals(1, MaskStrategies.editDistance("blok", "block"));
        assertEquals(3, MaskStrategies.editDistance("kitten", "sitting"));
    }
}
