package io.mae4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {

    private static final List<String> KEYS = List.of("seed", "name", "model.name", "train.epochs", "train.batch_size",
            "eval.batch_size", "train.lr", "train.min_lr", "model.depth", "model.decoder_depth", "data.synth.classes");

    @Test
    void levenshteinMatchesHandComputedDistances() {
        assertEquals(3, Suggest.levenshtein("kitten", "sitting"));
        assertEquals(3, Suggest.levenshtein("", "abc"));
        assertEquals(3, Suggest.levenshtein("abc", ""));
        assertEquals(0, Suggest.levenshtein("abc", "abc"));
        assertEquals(2, Suggest.levenshtein("flaw", "lawn"));
        assertEquals(2, Suggest.levenshtein("vit_b61", "vit_b16")); // a swap costs two edits
        assertEquals(1, Suggest.levenshtein("train.epoch", "train.epochs"));
    }

    @Test
    void closestKeysUsesWholePathThenLeaf() {
        assertEquals(List.of("train.epochs"), Suggest.closestKeys("train.epoch", KEYS));
        assertEquals(List.of("train.epochs"), Suggest.closestKeys("epochs", KEYS));       // leaf alone
        assertEquals(List.of("train.epochs"), Suggest.closestKeys("model.epochs", KEYS)); // wrong section
        assertEquals(List.of("train.lr"), Suggest.closestKeys("lr", KEYS));
        assertEquals(List.of("data.synth.classes"), Suggest.closestKeys("data.synt.classes", KEYS));
        // equal leaf matches: all of them, closest whole path first
        assertEquals(List.of("eval.batch_size", "train.batch_size"), Suggest.closestKeys("batch_size", KEYS));
        // the whole-path match beats leaf matches of the same name
        assertEquals(List.of("name"), Suggest.closestKeys("nam", KEYS));
        assertEquals(List.of(), Suggest.closestKeys("xyzzy", KEYS));
    }

    @Test
    void byDistanceSortsClosestFirstThenAlphabetically() {
        assertEquals(List.of("vit_b16", "vit_l16", "vit_s16", "vit_tiny_p8_64"),
                Suggest.byDistance("vit_b61", List.of("vit_tiny_p8_64", "vit_s16", "vit_l16", "vit_b16")));
    }

    @Test
    void didYouMeanFormatsOneTwoOrThree() {
        assertEquals("", Suggest.didYouMean(List.of()));
        assertEquals("; did you mean 'a'?", Suggest.didYouMean(List.of("a")));
        assertEquals("; did you mean 'a' or 'b'?", Suggest.didYouMean(List.of("a", "b")));
        assertEquals("; did you mean 'a', 'b' or 'c'?", Suggest.didYouMean(List.of("a", "b", "c")));
    }
}
