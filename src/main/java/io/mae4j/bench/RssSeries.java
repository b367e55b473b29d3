package io.mae4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resident-memory samples over a run of {@code totalSteps} steps, and the growth figure of the
 * memory benchmark: plateau = median of the samples taken at steps in [N/10, N/5] (after warm-up:
 * steps 100–200 of 1000), end = median of the samples at steps &gt; N − N/10 (the last 100 of 1000),
 * growth % = 100 · (end − plateau) / plateau. Target: &lt; 5 %.
 */
public final class RssSeries {

    private final int totalSteps;
    private final List<Long> steps = new ArrayList<>();
    private final List<Double> mib = new ArrayList<>();

    /** @param totalSteps N, the steps of the whole run (fixes the windows) */
    public RssSeries(int totalSteps) {
        if (totalSteps < 10) {
            throw new IllegalArgumentException("an RSS series needs at least 10 steps to have a plateau and an end"
                    + " window, got steps=" + totalSteps);
        }
        this.totalSteps = totalSteps;
    }

    /** Adds a sample: RSS in MiB after {@code step} steps (1-based). */
    public void add(long step, double rssMiB) {
        steps.add(step);
        mib.add(rssMiB);
    }

    /** Number of samples. */
    public int size() {
        return mib.size();
    }

    /** First sample (MiB). */
    public double first() {
        return mib.isEmpty() ? Double.NaN : mib.get(0);
    }

    /** Last sample (MiB). */
    public double last() {
        return mib.isEmpty() ? Double.NaN : mib.get(mib.size() - 1);
    }

    /** Largest sample (MiB). */
    public double max() {
        return mib.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Median of the samples at steps in [N/10, N/5]; NaN when none fall there. */
    public double plateau() {
        return windowMedian(totalSteps / 10, totalSteps / 5);
    }

    /** Median of the samples at steps &gt; N − N/10; NaN when none fall there. */
    public double end() {
        return windowMedian(totalSteps - totalSteps / 10 + 1, Long.MAX_VALUE);
    }

    /** 100 · (end − plateau) / plateau. */
    public double growthPercent() {
        return 100 * (end() - plateau()) / plateau();
    }

    private double windowMedian(long from, long to) {
        double[] v = new double[mib.size()];
        int k = 0;
        for (int i = 0; i < mib.size(); i++) {
            long s = steps.get(i);
            if (s >= from && s <= to) {
                v[k++] = mib.get(i);
            }
        }
        return k == 0 ? Double.NaN : Measure.median(Arrays.copyOf(v, k));
    }

    /** The samples as CSV: header {@code step,rss_mib}, one line per sample. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("step,rss_mib\n");
        for (int i = 0; i < mib.size(); i++) {
            sb.append(steps.get(i)).append(',').append(String.format(Locale.ROOT, "%.1f", mib.get(i))).append('\n');
        }
        return sb.toString();
    }

    /** first / last / max / plateau / end (MiB), growth % and the CSV, for JSON. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rss_first_mib", first());
        m.put("rss_last_mib", last());
        m.put("rss_max_mib", max());
        m.put("rss_plateau_mib", plateau());
        m.put("rss_end_mib", end());
        m.put("growth_percent", growthPercent());
        m.put("samples_csv", toCsv());
        return m;
    }
}
