package io.mae4j.cache;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a {@code cache build} did.
 *
 * @param file the cache file
 * @param images images the split lists
 * @param alreadyDone images found in the file at start (entries or skipped)
 * @param written entries written by this build
 * @param skippedNow corrupt images recorded by this build
 * @param skippedTotal corrupt images recorded in the file
 * @param seconds wall time
 */
public record BuildResult(Path file, int images, int alreadyDone, int written, int skippedNow, int skippedTotal,
        double seconds) {

    /** Processed images (written + skipped) per second of this build. */
    public double imagesPerSecond() {
        return seconds > 0 ? (written + skippedNow) / seconds : 0;
    }

    /** One-line summary. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d images, %d already cached, %d written, %d skipped as corrupt"
                + " (%d in the file), %.1f s, %.1f images/s", file, images, alreadyDone, written, skippedNow,
                skippedTotal, seconds, imagesPerSecond());
    }
}
