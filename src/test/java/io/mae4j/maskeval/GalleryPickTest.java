package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The gallery draws its images across classes, one per class in turn. */
class GalleryPickTest {

    @Test
    void roundRobinOverClasses() {
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 2, 2};
        assertArrayEquals(new int[] {0, 4, 7, 1}, EvalImages.roundRobin(labels, 4));
        // a class that runs out is skipped; the count is capped by the split
        assertArrayEquals(new int[] {0, 4, 7, 1, 5, 8, 2, 6, 3}, EvalImages.roundRobin(labels, 20));
        assertArrayEquals(new int[0], EvalImages.roundRobin(labels, 0));
        // labels need not come sorted: classes in order of first appearance
        assertArrayEquals(new int[] {0, 1, 2}, EvalImages.roundRobin(new int[] {5, 3, 5}, 3));
    }
}
