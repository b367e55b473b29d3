package io.mae4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Small measuring helpers shared by the benchmarks: order statistics of repeated timings and the
 * process's peak resident memory.
 */
public final class Measure {

    private Measure() {}

    /** Median of the values. */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Smallest value. */
    public static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** Largest value. */
    public static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** Peak resident set size of this process in MiB (VmHWM), or NaN where /proc is absent. */
    public static double peakRssMiB() {
        return procStatusKb("VmHWM:") / 1024.0;
    }

    /** Current resident set size of this process in MiB (VmRSS), or NaN. */
    public static double rssMiB() {
        return procStatusKb("VmRSS:") / 1024.0;
    }

    private static double procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Double.parseDouble(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * Resets the peak RSS (VmHWM) to the current RSS, so the next {@link #peakRssMiB()} is the peak of
     * what follows (Linux: writes 5 to /proc/self/clear_refs).
     *
     * @return whether the reset worked (false where /proc is absent or read-only)
     */
    public static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The order statistics of repeated timings, ready for JSON: {@code median}, {@code min}, {@code
     * max}, {@code n}, each value times {@code scale} (e.g. 1000 for ms).
     */
    public static java.util.Map<String, Object> stats(double[] v, double scale) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("median", median(v) * scale);
        m.put("min", min(v) * scale);
        m.put("max", max(v) * scale);
        m.put("n", v.length);
        return m;
    }

    /** "median (min–max)" in the given unit. */
    public static String spread(double[] v, double scale, String unit) {
        return String.format(Locale.ROOT, "%.1f %s (%.1f-%.1f)", median(v) * scale, unit, min(v) * scale,
                max(v) * scale, unit);
    }
}
