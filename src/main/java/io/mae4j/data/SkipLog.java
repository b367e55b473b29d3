package io.mae4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a dataset could not decode, with the reason, kept for the whole life of the dataset.
 * Thread-safe: loader workers record into it concurrently. Each distinct file is logged (WARN)
 * once, the first time it fails.
 */
public final class SkipLog {

    private static final Logger LOG = LoggerFactory.getLogger(SkipLog.class);

    /** One skipped file. */
    public record Entry(Path path, String reason) {}

    private final Map<Path, String> reasons = new LinkedHashMap<>();
    private final AtomicLong events = new AtomicLong();

    /** Records that {@code path} failed; repeated failures of one file count once in {@link #count()}. */
    public void record(Path path, String reason) {
        events.incrementAndGet();
        boolean fresh;
        synchronized (reasons) {
            fresh = reasons.putIfAbsent(path, reason) == null;
        }
        if (fresh) {
            LOG.warn("Skipping undecodable image {}: {}", path, reason);
        }
    }

    /** Whether {@code path} has already failed. */
    public boolean contains(Path path) {
        synchronized (reasons) {
            return reasons.containsKey(path);
        }
    }

    /** Number of distinct files skipped. */
    public int count() {
        synchronized (reasons) {
            return reasons.size();
        }
    }

    /** Number of times {@link #record} was called (a file that fails in several epochs counts each time). */
    public long events() {
        return events.get();
    }

    /** The skipped files in the order they first failed. */
    public List<Entry> entries() {
        synchronized (reasons) {
            List<Entry> out = new ArrayList<>(reasons.size());
            reasons.forEach((p, r) -> out.add(new Entry(p, r)));
            return out;
        }
    }
}
