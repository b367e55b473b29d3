package io.mae4j.device;

import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Properties;

/**
 * The libtorch this build uses, and what DJL must be told before its engine starts.
 *
 * <p>The default build bundles {@code pytorch-native-cpu} (DJL extracts it to {@code DJL_CACHE_DIR}, no
 * network). The {@code -Pgpu} build has no native jar: DJL then looks at {@code PYTORCH_LIBRARY_PATH}, then
 * at {@code DJL_CACHE_DIR/pytorch/<version>-<flavour>-<classifier>/}, then downloads libtorch there from
 * DJL's server. {@link #prepare()} sets the system properties DJL reads for that ({@code PYTORCH_FLAVOR},
 * {@code PYTORCH_VERSION}, {@code DJL_CACHE_DIR}, {@code ai.djl.offline}) unless the environment or the
 * command line already set them; DJL reads each as an environment variable first, then as a system
 * property ({@code ai.djl.util.Utils.getEnvOrSystemProperty}). What libtorch itself reads from the
 * environment ({@code TORCH_ALLOW_TF32_CUBLAS_OVERRIDE}) cannot be set from Java: the launcher script
 * {@code src/main/scripts/mae4j-gpu.sh} exports it.
 *
 * @param djlVersion DJL's version
 * @param pytorchVersion the libtorch version the JNI bridge is built for
 * @param flavor {@code cpu} or a CUDA flavour such as {@code cu128}
 * @param bundled true when the native libraries are a jar on the classpath
 */
public record Natives(String djlVersion, String pytorchVersion, String flavor, boolean bundled) {

    private static final String BUILD_FILE = "/io/mae4j/device/build.properties";

    /** The natives of the running build: build.properties (written by Maven) and the classpath. */
    public static Natives ofBuild() {
        Properties p = new Properties();
        try (InputStream in = Natives.class.getResourceAsStream(BUILD_FILE)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_FILE + " is missing from the classpath: rebuild with mvn package");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean bundled = Natives.class.getClassLoader().getResource("native/lib/pytorch.properties") != null;
        String flavor = bundled ? bundledFlavor() : p.getProperty("pytorch.flavor");
        return new Natives(p.getProperty("djl.version"), p.getProperty("pytorch.version"), flavor, bundled);
    }

    private static String bundledFlavor() {
        Properties p = new Properties();
        try (InputStream in = Natives.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("flavor", "cpu");
    }

    /** True for a CUDA flavour. */
    public boolean cuda() {
        return flavor.startsWith("cu");
    }

    /** {@code 2.7.1+cu128}. */
    public String label() {
        return pytorchVersion + "+" + flavor;
    }

    /**
     * Sets, before the engine starts, what DJL reads for this build (only keys neither the environment nor
     * the command line set): the cache dir, and for a build without bundled natives the flavour and version.
     * Offline mode ({@code ai.djl.offline}) is on unless DJL still has to download libtorch.
     */
    public void prepare() {
        setDefault("DJL_CACHE_DIR", Paths.get(System.getProperty("user.home"), ".djl.ai").toString());
        if (!bundled) {
            setDefault("PYTORCH_FLAVOR", flavor);
            setDefault("PYTORCH_VERSION", pytorchVersion);
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null
                && source() != Source.DOWNLOAD) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private static void setDefault(String key, String value) {
        if (blank(System.getenv(key)) && blank(System.getProperty(key))) {
            System.setProperty(key, value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** Where libtorch comes from. */
    public enum Source {
        /** a folder named by PYTORCH_LIBRARY_PATH */
        LIBRARY_PATH,
        /** the native jar on the classpath (extracted to the cache dir) */
        BUNDLED,
        /** the cache dir already holds it */
        CACHE,
        /** DJL downloads it into the cache dir */
        DOWNLOAD
    }

    /** Where libtorch will come from (as DJL's LibUtils looks: library path, bundled jar, cache, download). */
    public Source source() {
        if (libraryPathHoldsLibtorch()) {
            return Source.LIBRARY_PATH;
        }
        if (bundled) {
            return Source.BUNDLED;
        }
        return Files.isRegularFile(cacheFolder().resolve(System.mapLibraryName("torch"))) ? Source.CACHE
                : Source.DOWNLOAD;
    }

    /** True when PYTORCH_LIBRARY_PATH names a folder (or file) with libtorch in it; DJL ignores it otherwise. */
    private static boolean libraryPathHoldsLibtorch() {
        String lib = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        if (blank(lib)) {
            return false;
        }
        String name = System.mapLibraryName("torch");
        for (String part : lib.split(java.io.File.pathSeparator)) {
            Path p = Paths.get(part);
            if (Files.isRegularFile(p.resolve(name)) || (Files.isRegularFile(p) && p.endsWith(name))) {
                return true;
            }
        }
        return false;
    }

    /** DJL's folder for this libtorch: {@code <DJL_CACHE_DIR>/pytorch/<version>-<flavour>-<classifier>}. */
    public Path cacheFolder() {
        Platform p = Platform.detectPlatform("pytorch");
        String version = bundled ? p.getVersion() : pytorchVersion; // a bundled jar's is e.g. 2.7.1-20250812
        return Utils.getEngineCacheDir("pytorch").resolve(version + "-" + flavor + "-" + p.getClassifier());
    }

    /** One line on where libtorch comes from, e.g. for the log before the engine starts. */
    public String where() {
        return switch (source()) {
            case LIBRARY_PATH -> "libtorch from PYTORCH_LIBRARY_PATH=" + Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH")
                    + " (must be " + label() + ")";
            case BUNDLED -> "libtorch " + label() + " bundled in the jar's classpath, extracted to " + cacheFolder();
            case CACHE -> "libtorch " + label() + " cached in " + cacheFolder();
            case DOWNLOAD -> "libtorch " + label() + " is not cached yet: DJL downloads it (about 2-3 GB, once) into "
                    + cacheFolder() + " (set DJL_CACHE_DIR to put it elsewhere)";
        };
    }

    /**
     * The one sentence for an engine that did not load.
     *
     * @param cause what DJL threw
     * @return the exception to throw instead (no stack trace on the command line)
     */
    public SetupException loadFailure(Throwable cause) {
        String why = rootMessage(cause);
        String provide = String.format(Locale.ROOT, "set PYTORCH_LIBRARY_PATH to a libtorch %s folder (the one holding"
                + " %s) or copy a filled %s from a machine with internet", label(), System.mapLibraryName("torch"),
                cacheFolder());
        String lib = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        String ignored = blank(lib) || libraryPathHoldsLibtorch() ? ""
                : "PYTORCH_LIBRARY_PATH=" + lib + " holds no " + System.mapLibraryName("torch") + " (DJL ignores it), so ";
        return new SetupException(ignored + switch (source()) {
            case DOWNLOAD -> "cannot load libtorch " + label() + ": it is not in " + cacheFolder()
                    + " and DJL could not download it (" + why + "); run once on a machine with internet, or " + provide;
            case LIBRARY_PATH -> "cannot load libtorch from PYTORCH_LIBRARY_PATH=" + lib + " (" + why
                    + "); it must hold libtorch " + label() + " with its CUDA libraries: point it at such a folder, or"
                    + " unset it so DJL uses " + cacheFolder();
            default -> "cannot load libtorch " + label() + " from " + cacheFolder() + " (" + why
                    + "); delete that folder so it is extracted again, or " + provide;
        });
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ").strip();
        // e.g. "UnknownHostException: publish.djl.ai" says more than the host name alone
        return root instanceof RuntimeException && !m.isEmpty() ? m : root.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }
}
