package io.mae4j.run;

import io.mae4j.util.Sha256;

import com.google.gson.GsonBuilder;
import io.mae4j.util.ProcessLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's folder: {@code runs/<experiment>/<time>/} with the resolved config, the overrides, the
 * provenance ({@code run.json}), {@code metrics.csv}, {@code train.log}, {@code checkpoints/} and the
 * TensorBoard event files ({@code events.out.tfevents.*}, one per start or resume).
 */
public final class RunFolder {

    /** Columns of metrics.csv, one row per epoch. */
    public static final String METRICS_HEADER =
            "epoch,global_step,train_loss,lr,img_per_s,knn_top1,knn_top5,epoch_seconds,beta,beta_effective";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** Opens an existing run folder (for resume); it must hold config.conf. */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.conf"))) {
            throw new IOException(dir + " is not a mae4j run folder (no config.conf): pass the folder a run printed at start");
        }
        return new RunFolder(dir);
    }

    /** Creates {@code <runsDir>/<experiment>/<yyyyMMdd-HHmmss>} (with a suffix if taken). */
    public static RunFolder create(Path runsDir, String experiment) throws IOException {
        String stamp = LocalDateTime.now().format(STAMP);
        Path base = runsDir.resolve(experiment);
        Path dir = base.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve(stamp + "-" + i);
        }
        return at(dir);
    }

    /** Uses the given folder (created if needed), e.g. one member of a multirun. */
    public static RunFolder at(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("checkpoints"));
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Locks the folder for this process (an OS file lock on {@code .lock}, which holds the owner's
     * pid). The OS drops the lock when its process dies, so a killed run never blocks a later resume.
     *
     * @throws IOException "in use by another mae4j process (pid N)" when another process (or another
     *     run in this one) holds it
     */
    public ProcessLock lock() throws IOException {
        return ProcessLock.acquire(dir.resolve(".lock"), "run folder " + dir,
                "wait for it to finish or stop it, then resume with --resume " + dir);
    }

    /**
     * Deletes this folder when a run failed before writing anything into it (no train.log, no
     * checkpoint): a failed start leaves nothing behind. The experiment folder goes too when empty.
     */
    public void discardIfUnstarted() {
        try {
            if (Files.exists(dir.resolve("train.log")) || Files.exists(lastCheckpoint())) {
                return;
            }
            Files.deleteIfExists(dir.resolve(".lock"));
            deleteIfEmpty(checkpoints());
            deleteIfEmpty(dir);
            deleteIfEmpty(dir.getParent());
        } catch (IOException e) {
            // best effort: the run's own error is what the user needs to see
        }
    }

    private static void deleteIfEmpty(Path d) throws IOException {
        if (d == null || !Files.isDirectory(d)) {
            return;
        }
        try (var entries = Files.list(d)) {
            if (entries.findAny().isPresent()) {
                return;
            }
        }
        Files.deleteIfExists(d);
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path lastCheckpoint() {
        return checkpoints().resolve("last.ckpt");
    }

    /**
     * Writes config.conf, overrides.txt and run.json.
     *
     * @param renderedConfig the resolved config as HOCON
     * @param overrides the command-line arguments the run was composed from
     * @param seed run seed
     * @param datasetFingerprint fingerprint of the training split
     */
    public void writeProvenance(String renderedConfig, List<String> overrides, long seed, String datasetFingerprint)
            throws IOException {
        Files.writeString(dir.resolve("config.conf"), renderedConfig, StandardCharsets.UTF_8);
        Files.write(dir.resolve("overrides.txt"), overrides, StandardCharsets.UTF_8);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("start_time", Instant.now().toString());
        run.put("seed", seed);
        run.put("git_commit", gitCommit());
        run.put("dataset_fingerprint", datasetFingerprint);
        run.put("config_sha256", sha256(renderedConfig));
        run.put("overrides", overrides);
        run.put("host", hostName());
        run.put("java", System.getProperty("java.version"));
        run.put("command", System.getProperty("sun.java.command", ""));
        Files.writeString(dir.resolve("run.json"), new GsonBuilder().setPrettyPrinting().create().toJson(run));
    }

    /** Appends one line to train.log. */
    public void log(String line) throws IOException {
        Files.writeString(dir.resolve("train.log"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends an epoch row to metrics.csv, writing the header first if the file is new. */
    public void appendMetrics(EpochStats s) throws IOException {
        Path csv = dir.resolve("metrics.csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, METRICS_HEADER + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        Files.writeString(csv, s.csvRow() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Drops metrics rows of epochs at or after {@code epochsDone}: a run killed after logging an
     * epoch but before checkpointing it will log that epoch again when resumed.
     */
    public void truncateMetrics(int epochsDone) throws IOException {
        Path csv = dir.resolve("metrics.csv");
        if (!Files.exists(csv)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.startsWith("epoch") || line.isBlank()) {
                kept.add(line.isBlank() ? line : METRICS_HEADER); // a run from before the beta columns gets them
                continue;
            }
            int epoch = Integer.parseInt(line.substring(0, line.indexOf(',')));
            if (epoch < epochsDone) {
                kept.add(line.split(",", -1).length == 8 ? line + ",," : line);
            }
        }
        Files.write(csv, kept, StandardCharsets.UTF_8);
    }

    /** Reads metrics.csv rows back (epoch order). */
    public List<EpochStats> readMetrics() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        List<EpochStats> rows = new ArrayList<>();
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                if (!line.startsWith("epoch") && !line.isBlank()) {
                    rows.add(EpochStats.parse(line));
                }
            }
        }
        return rows;
    }

    /** SHA-256 hex of a string ({@link Sha256#hex}). */
    public static String sha256(String s) {
        return Sha256.hex(s);
    }

    /** The current git commit (with "-dirty" when the work tree has changes), or "unknown". */
    static String gitCommit() {
        String head = runGit("rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = runGit("status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isBlank() ? head + "-dirty" : head;
    }

    private static String runGit(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = String.join("\n", r.lines().toList()).trim();
            }
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
