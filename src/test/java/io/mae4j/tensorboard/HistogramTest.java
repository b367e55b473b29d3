package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mae4j.tensorboard.proto.HistogramProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void equalWidthBucketsByHand() {
        // [0, 4] in 4 buckets of width 1: [0,1) {0}, [1,2) {1}, [2,3) {2}, [3,4] {3, 4}
        HistogramProto h = Histogram.of(new double[] {4, 0, 3, 1, 2}, 4);
        assertEquals(0, h.getMin());
        assertEquals(4, h.getMax());
        assertEquals(5, h.getNum());
        assertEquals(10, h.getSum());
        assertEquals(30, h.getSumSquares());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), h.getBucketLimitList());
        assertEquals(List.of(1.0, 1.0, 1.0, 2.0), h.getBucketList());
    }

    @Test
    void valuesOnAnInnerEdgeGoToTheUpperBucket() {
        // [-1, 1] in 2 buckets: [-1, 0) {-1, -0.5}, [0, 1] {0, 0, 1}
        HistogramProto h = Histogram.of(new float[] {-1f, -0.5f, 0f, 0f, 1f}, 2);
        assertEquals(List.of(0.0, 1.0), h.getBucketLimitList());
        assertEquals(List.of(2.0, 3.0), h.getBucketList());
    }

    @Test
    void nonFiniteValuesAreLeftOut() {
        HistogramProto h = Histogram.of(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY}, 2);
        assertEquals(2, h.getNum());
        assertEquals(4, h.getSum());
        assertEquals(1, h.getMin());
        assertEquals(3, h.getMax());
        assertEquals(List.of(1.0, 1.0), h.getBucketList());
    }

    @Test
    void constantAndEmptyInputs() {
        HistogramProto c = Histogram.of(new double[] {2.5, 2.5, 2.5}, 30);
        assertEquals(List.of(2.5), c.getBucketLimitList());
        assertEquals(List.of(3.0), c.getBucketList());
        HistogramProto e = Histogram.of(new double[] {Double.NaN}, 30);
        assertEquals(0, e.getNum());
        assertEquals(0, e.getBucketCount());
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[] {1}, 0));
    }
}
