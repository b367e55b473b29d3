package io.mae4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Loads the OpenCV native library (bundled in {@code org.openpnp:opencv}) once per JVM.
 *
 * <p>{@code nu.pattern.OpenCV.loadLocally()} extracts the library into {@code java.io.tmpdir}, so
 * that folder is created first when it is missing (Surefire points it at {@code target/tmp}).
 * Thread-safe and idempotent: every class of this package that touches OpenCV calls {@link
 * #ensure()} first.
 */
public final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {}

    /**
     * Loads the natives if not yet loaded.
     *
     * @throws UncheckedIOException when {@code java.io.tmpdir} cannot be created
     * @throws IllegalStateException when the native library cannot be loaded
     */
    public static void ensure() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvLoader.class) {
            if (loaded) {
                return;
            }
            Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
            try {
                Files.createDirectories(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot create java.io.tmpdir " + tmp + " (OpenCV extracts its native library there); "
                                + "set -Djava.io.tmpdir to a writable folder",
                        e);
            }
            try {
                nu.pattern.OpenCV.loadLocally();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException(
                        "Cannot load the OpenCV native library from org.openpnp:opencv into " + tmp + ": " + e, e);
            }
            loaded = true;
        }
    }
}
