package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultirunTest {

    private final ConfigComposer composer = new ConfigComposer(ConfigSource.directory(Path.of("configs")));

    @Test
    void productWithFirstArgumentVaryingSlowest() {
        assertEquals(List.of(
                        List.of("mask=random", "seed=0"),
                        List.of("mask=random", "seed=1"),
                        List.of("mask=block", "seed=0"),
                        List.of("mask=block", "seed=1")),
                composer.expandMultirun(List.of("mask=random,block", "seed=0,1")));
    }

    @Test
    void countsMultiplyAndSingleValuesRideAlong() {
        List<List<String>> runs = composer.expandMultirun(
                List.of("model=vit_tiny_p8_64", "seed=0,1,2", "train.epochs=1", "mask.mask_ratio=0.5,0.75"));
        assertEquals(6, runs.size());
        assertEquals(List.of("model=vit_tiny_p8_64", "seed=2", "train.epochs=1", "mask.mask_ratio=0.75"), runs.get(5));
        for (List<String> run : runs) {
            composer.compose(run); // every expanded run composes
        }
    }

    @Test
    void bracketsAndQuotesAreNotSeparators() {
        assertEquals(List.of(List.of("data.mean=[0.5,0.5,0.5]"), List.of("data.mean=[0.4,0.4,0.4]")),
                composer.expandMultirun(List.of("data.mean=[0.5,0.5,0.5],[0.4,0.4,0.4]")));
        assertEquals(List.of(List.of("name=\"a,b\"")), composer.expandMultirun(List.of("name=\"a,b\"")));
    }

    @Test
    void noArgumentsGiveOneEmptyRun() {
        assertEquals(List.of(List.of()), composer.expandMultirun(List.of()));
    }

    @Test
    void emptySweepValuesAndMissingEqualsAreErrors() {
        assertThrows(ConfigException.class, () -> composer.expandMultirun(List.of("seed=0,,1")));
        assertThrows(ConfigException.class, () -> composer.expandMultirun(List.of("seed=0,")));
        assertThrows(ConfigException.class, () -> composer.expandMultirun(List.of("seed")));
    }
}
