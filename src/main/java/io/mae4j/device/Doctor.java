package io.mae4j.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import com.typesafe.config.Config;
import io.mae4j.data.OpenCvLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code doctor} report: what this build and machine give a run of the given config (Java, DJL,
 * libtorch and where it comes from, devices, threads, caches, OpenCV, folders, disk), and whether that run
 * can start. Each problem comes with its fix; {@link Report#ok()} is false when there is any.
 */
public final class Doctor {

    /** Below this many free bytes on a run's disk, doctor warns (a ViT-B checkpoint is about 1.3 GB). */
    static final long LOW_DISK_BYTES = 5L << 30;

    /**
     * The report.
     *
     * @param lines {@code name: value} lines, in order
     * @param fixes one line per problem that stops the run: what is wrong and what to do
     * @param notes warnings that do not stop it
     */
    public record Report(List<String> lines, List<String> fixes, List<String> notes) {

        /** True when the configured run can start. */
        public boolean ok() {
            return fixes.isEmpty();
        }

        /** The whole report as printed. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
            fixes.forEach(f -> sb.append("fix:  ").append(f).append('\n'));
            sb.append(ok() ? "ok: the configured run can start\n"
                    : "not ready: " + fixes.size() + " problem" + (fixes.size() == 1 ? "" : "s") + " above\n");
            return sb.toString();
        }
    }

    private final List<String> lines = new ArrayList<>();
    private final List<String> fixes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Doctor() {}

    /**
     * Examines this machine for a run of {@code c}.
     *
     * @param c the resolved config (with the command line's overrides)
     * @return the report
     */
    public static Report examine(Config c) {
        Doctor d = new Doctor();
        d.run(c);
        return new Report(List.copyOf(d.lines), List.copyOf(d.fixes), List.copyOf(d.notes));
    }

    private void line(String name, String value) {
        lines.add(String.format(Locale.ROOT, "%-14s %s", name, value));
    }

    private void run(Config c) {
        RuntimeSettings rs = RuntimeSettings.from(c);
        Natives natives = Natives.ofBuild();
        line("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), max heap "
                + gib(Runtime.getRuntime().maxMemory()) + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        line("build", "DJL " + natives.djlVersion() + ", PyTorch " + natives.pytorchVersion() + ", flavour "
                + natives.flavor() + (natives.bundled() ? " (natives bundled)" : " (no bundled natives: -Pgpu build)"));
        natives.prepare();
        line("natives", natives.where());
        line("DJL cache", Utils.getCacheDir() + " (engine files under " + Utils.getEngineCacheDir("pytorch") + ")");
        Engine engine = null;
        try {
            engine = EngineStarter.start(rs.threads(), rs.interopThreads());
        } catch (SetupException e) {
            line("engine", "NOT loaded");
            line("device", "runtime.device=" + rs.device() + " -> unknown until libtorch loads");
            fixes.add(e.getMessage());
        }
        if (engine != null) {
            engineLines(engine, rs);
        }
        line("OMP wait", envOr("OMP_WAIT_POLICY", "unset (libgomp default: spin, then sleep; PASSIVE helps on a"
                + " shared machine)"));
        if (natives.cuda()) {
            line("TF32", "1".equals(System.getenv("TORCH_ALLOW_TF32_CUBLAS_OVERRIDE"))
                    ? "on (TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1): float32 matmuls run as TF32 on Ampere+ GPUs"
                    : "off: float32 matmuls (src/main/scripts/mae4j-gpu.sh exports TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1"
                            + " unless MAE4J_TF32=0)");
        }
        openCv();
        folders(c);
    }

    private void engineLines(Engine engine, RuntimeSettings rs) {
        DeviceInventory seen = EngineStarter.inventory();
        line("engine", "PyTorch " + engine.getVersion() + " loaded: " + seen.libtorch());
        line("CUDA", (seen.cudaBuild() ? "libtorch built with CUDA" : "libtorch built without CUDA") + "; runtime "
                + (seen.cudaRuntime() == null ? "none loadable (libcudart)" : seen.cudaRuntime()));
        line("GPUs", seen.gpus().size() + (seen.gpus().isEmpty() ? ": " + seen.whyNoGpu()
                : " (DJL does not report GPU names)"));
        seen.gpus().forEach(g -> line("", g.describe()));
        try {
            Device device = DeviceSelector.select(rs.device(), seen);
            line("device", "runtime.device=" + rs.device() + " -> " + device);
        } catch (SetupException e) {
            line("device", "runtime.device=" + rs.device() + " -> refused");
            fixes.add(e.getMessage());
        }
        line("threads", String.format(Locale.ROOT, "intra-op %d, inter-op %d (runtime.threads=%d,"
                + " runtime.interop_threads=%d; 0 = libtorch default)", JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), rs.threads(), rs.interopThreads()));
    }

    private void openCv() {
        try {
            OpenCvLoader.ensure();
            line("OpenCV", org.opencv.core.Core.VERSION + " (org.openpnp:opencv, SIFT)");
        } catch (RuntimeException | LinkageError e) {
            line("OpenCV", "NOT loaded");
            fixes.add("OpenCV does not load (" + e.getMessage() + "); SIFT, caches and analysis need it: check"
                    + " -Djava.io.tmpdir is writable");
        }
    }

    private void folders(Config c) {
        Path runs = Path.of(c.getString("runs_dir"));
        Path existing = nearestExisting(runs);
        boolean writable = existing != null && Files.isWritable(existing);
        line("runs_dir", runs.toAbsolutePath() + (Files.isDirectory(runs) ? "" : " (created on first run)")
                + (writable ? ", writable" : ", NOT writable") + free(existing));
        if (!writable) {
            fixes.add("runs_dir=" + runs + " cannot be written (" + existing + " is not writable); set runs_dir=<a"
                    + " writable folder>");
        }
        Config d = c.getConfig("data");
        Path root = Path.of(d.getString("root"));
        String train = d.getString("train_split");
        Path split = root.resolve(train);
        if (Files.isDirectory(split) && Files.isReadable(split)) {
            line("data.root", root.toAbsolutePath() + " (" + train + "/ readable)" + free(root));
        } else if (d.getString("kind").equals("synthetic")) {
            Path parent = nearestExisting(root);
            boolean canMake = parent != null && Files.isWritable(parent);
            line("data.root", root.toAbsolutePath() + " (synthetic: generated on first use" + (canMake ? ")"
                    : ", but " + parent + " is NOT writable)") + free(parent));
            if (!canMake) {
                fixes.add("data.root=" + root + " does not exist and cannot be generated there; set data.root=<a"
                        + " writable folder>");
            }
        } else {
            line("data.root", root.toAbsolutePath() + " (" + train + "/ NOT found or not readable)");
            fixes.add("data.root=" + root + " has no readable " + train + "/ folder; fetch the dataset"
                    + " (datasets/fetch_imagenette.sh) or set data.root=<folder with " + train + "/<class>/ images>");
        }
    }

    private String free(Path p) {
        if (p == null) {
            return "";
        }
        try {
            long usable = Files.getFileStore(p).getUsableSpace();
            if (usable < LOW_DISK_BYTES) {
                notes.add("only " + gib(usable) + " free on the disk of " + p.toAbsolutePath()
                        + " (checkpoints of ViT-B are about 1.3 GB each)");
            }
            return ", " + gib(usable) + " free";
        } catch (IOException e) {
            return ", free space unknown (" + e.getMessage() + ")";
        }
    }

    private static Path nearestExisting(Path p) {
        Path q = p.toAbsolutePath();
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q;
    }

    private static String envOr(String key, String otherwise) {
        String v = System.getenv(key);
        return v == null || v.isEmpty() ? otherwise : v;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / 1073741824.0);
    }
}
