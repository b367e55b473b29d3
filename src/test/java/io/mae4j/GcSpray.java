package io.mae4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Provokes the DJL use-after-free of {@code Number} operands (see {@code io.mae4j.model.Scalars}):
 * a garbage collection frees every direct buffer that only a closed array referenced, then thousands
 * of small direct buffers holding NaN take their place in the allocator. A backward that still reads
 * such freed memory then reads NaN. Call between a forward and its backward; keep the returned
 * buffers reachable until the backward has run.
 */
public final class GcSpray {

    /** Buffers per size: enough to refill every freed small chunk of a step. */
    private static final int COUNT = 4096;

    private GcSpray() {}

    /**
     * Collects garbage, waits for the buffers' cleaners, and fills freed 4- and 8-byte chunks with NaN.
     *
     * @return the spray buffers (keep them reachable until the backward ran)
     */
    public static List<ByteBuffer> run() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ByteBuffer> keep = new ArrayList<>(2 * COUNT);
        for (int i = 0; i < COUNT; i++) {
            ByteBuffer f = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            f.putFloat(0, Float.NaN);
            keep.add(f);
            ByteBuffer d = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            d.putDouble(0, Double.NaN);
            keep.add(d);
        }
        return keep;
    }
}
