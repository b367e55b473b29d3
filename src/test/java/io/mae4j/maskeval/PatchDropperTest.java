package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mae4j.NdTestBase;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the classifier receives under drop=tokens and drop=mean. */
class PatchDropperTest extends NdTestBase {

    private TinyPatchClassifier clf;
    private NDArray imgs;
    private float[] pixels;

    @BeforeEach
    void setUp() {
        clf = new TinyPatchClassifier(manager, List.of("a", "b", "c"));
        pixels = new float[2 * 3 * 32 * 32];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextGaussian() + 0.5f; // no pixel is 0
        }
        imgs = manager.create(pixels, new Shape(2, 3, 32, 32));
    }

    @Test
    void tokensPassesExactlyTheKeptIndices() {
        int[] pred = new PatchDropper(clf, DropMode.TOKENS).predict(imgs, List.of(new int[] {3, 1}, new int[] {15, 0}));
        assertEquals(1, clf.keeps.size(), "same drop count: one call");
        long[][] keep = clf.keeps.get(0);
        assertArrayEquals(new long[] {0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, keep[0]);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, keep[1]);
        assertArrayEquals(pixels, clf.images.get(0), "images untouched");
        // the labels are the argmax of the logits of that call
        NDArray again = clf.logits(imgs, manager.create(new long[][] {
            {0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}}));
        long[] expected = again.argMax(1).toLongArray();
        assertEquals(expected[0], pred[0]);
        assertEquals(expected[1], pred[1]);
    }

    @Test
    void tokensGroupsUnequalDropSetsAndPassesNullWhenNothingIsDropped() {
        PatchDropper d = new PatchDropper(clf, DropMode.TOKENS);
        d.predict(imgs, List.of(new int[] {}, new int[] {}));
        assertNull(clf.keeps.get(0), "nothing dropped: keep = null");
        d.predict(imgs, List.of(new int[] {2}, new int[] {5, 6}));
        assertEquals(3, clf.keeps.size(), "two sizes: two calls");
        assertEquals(15, clf.keeps.get(1)[0].length);
        assertEquals(1, clf.keeps.get(1).length);
        assertEquals(14, clf.keeps.get(2)[0].length);
        float[] second = clf.images.get(2);
        for (int p = 0; p < second.length; p++) { // the second call got image 1 only
            assertEquals(pixels[3 * 32 * 32 + p], second[p]);
        }
    }

    @Test
    void meanZeroesExactlyTheDroppedPatchPixels() {
        new PatchDropper(clf, DropMode.MEAN).predict(imgs, List.of(new int[] {0}, new int[] {5, 15}));
        assertNull(clf.keeps.get(0), "all tokens kept");
        float[] seen = clf.images.get(0);
        int zeros = 0;
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int patch = (y / 8) * 4 + x / 8;
                        boolean dropped = b == 0 ? patch == 0 : patch == 5 || patch == 15;
                        int i = ((b * 3 + c) * 32 + y) * 32 + x;
                        assertEquals(dropped ? 0f : pixels[i], seen[i], "b=" + b + " c=" + c + " y=" + y + " x=" + x);
                        zeros += dropped ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(3 * 64 * 3, zeros);
    }
}
