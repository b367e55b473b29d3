package io.mae4j.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures what a side task (TensorBoard output) costs a run: wall and CPU time of the sections
 * run on the calling thread, against the wall time and the CPU time of the whole process since
 * the meter was made. The CPU share hardly changes when other processes compete for the cores;
 * the wall share does.
 */
final class OverheadMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long startNanos = System.nanoTime();
    private final long startCpuNanos = processCpuNanos();
    private long wallNanos;
    private long cpuNanos;

    /** Runs {@code body}, adding its wall and thread-CPU time. */
    void time(Runnable body) {
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        try {
            body.run();
        } finally {
            wallNanos += System.nanoTime() - t0;
            cpuNanos += threads.getCurrentThreadCpuTime() - c0;
        }
    }

    /** Wall seconds inside {@link #time}. */
    double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** Thread-CPU seconds inside {@link #time}. */
    double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    /** Wall seconds since the meter was made. */
    double totalWallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** CPU seconds of every thread of the process since the meter was made (0 when not measurable). */
    double totalCpuSeconds() {
        return (processCpuNanos() - startCpuNanos) / 1e9;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
