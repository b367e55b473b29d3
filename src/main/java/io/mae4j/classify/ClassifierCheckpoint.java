package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.mae4j.device.Host;
import io.mae4j.model.MaeModel;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.ZipArchive;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A self-contained classifier file: one zip holding {@code classifier.json} ({@link
 * ClassifierMeta}: head kind, feature, class names, the backbone's shape), one entry {@code
 * model/<official name>} per encoder and head parameter and {@code buffer/<name>} per BatchNorm
 * statistic, each in DJL's NDArray encoding. The MAE decoder is not stored (a classifier never
 * runs it); a loaded backbone's decoder holds random weights.
 *
 * <p>A run's {@code last.ckpt} also holds what resuming needs: {@code optimizer/<state name>} per
 * AdamW state array (moments and step count, {@link io.mae4j.optim.AdamW#stateDict()}) and {@code
 * progress.json} ({@link ClassifierProgress}: global step, best top-1, the metrics history). These
 * entries are additive, so the format version stays 1 and {@link #load} ignores them.
 *
 * <p>A classifier run keeps its newest file at {@code <run>/checkpoints/last.ckpt}. Writes are
 * atomic (temp file, fsync, rename).
 */
public final class ClassifierCheckpoint {

    /** Layout version written by this build. */
    public static final int FORMAT_VERSION = 1;

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final String META = "classifier.json";
    private static final String MODEL = "model/";
    private static final String BUFFER = "buffer/";
    private static final String OPTIM = "optimizer/";
    private static final String PROGRESS = "progress.json";

    private ClassifierCheckpoint() {}

    /**
     * Writes a classifier atomically.
     *
     * @param file target (parent folders are created)
     * @param classifier the classifier
     * @param epochsDone epochs trained
     * @param top1 last validation top-1, NaN if none
     * @param source what the backbone came from
     */
    public static void save(Path file, Classifier classifier, int epochsDone, double top1, String source)
            throws IOException {
        save(file, classifier, epochsDone, top1, source, null, null);
    }

    /**
     * Writes a classifier atomically with the state a resumed run needs.
     *
     * @param file target (parent folders are created)
     * @param classifier the classifier
     * @param epochsDone epochs trained
     * @param top1 last validation top-1, NaN if none
     * @param source what the backbone came from
     * @param optimizerState the optimizer's named state arrays ({@code AdamW.stateDict()}), or null
     * @param progress the run position, or null (then the file cannot be resumed)
     */
    public static void save(Path file, Classifier classifier, int epochsDone, double top1, String source,
            NDList optimizerState, ClassifierProgress progress) throws IOException {
        ClassifierMeta meta = new ClassifierMeta(FORMAT_VERSION, classifier.kind().configName(),
                classifier.feature().configName(), classifier.classNames(), classifier.backbone().config(), epochsDone,
                top1, source);
        ZipArchive.write(file, sink -> {
            sink.put(META, GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Parameter> e : classifier.officialParameters().entrySet()) {
                sink.put(MODEL + e.getKey(), Host.encode(e.getValue().getArray())); // read back to the CPU
            }
            for (Map.Entry<String, NDArray> e : classifier.head().buffers().entrySet()) {
                sink.put(BUFFER + e.getKey(), Host.encode(e.getValue()));
            }
            if (optimizerState != null) {
                for (NDArray a : optimizerState) {
                    sink.put(OPTIM + a.getName(), Host.encode(a));
                }
            }
            if (progress != null) {
                sink.put(PROGRESS, GSON.toJson(progress).getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** The file {@link #load} reads for a path: a run folder's {@code checkpoints/last.ckpt}, else the path. */
    public static Path fileOf(Path runDirOrFile) {
        return Files.isDirectory(runDirOrFile) ? runDirOrFile.resolve("checkpoints").resolve("last.ckpt") : runDirOrFile;
    }

    /**
     * Loads a classifier (inference mode; see {@link PatchClassifier}).
     *
     * @param runDirOrFile a linprobe / finetune run folder or a classifier {@code .ckpt}
     * @param manager where the model lives
     * @throws IOException naming the path and what is wrong with it
     */
    public static Classifier load(Path runDirOrFile, NDManager manager) throws IOException {
        return read(runDirOrFile, manager).classifier();
    }

    /** A loaded classifier with its description. */
    public record Loaded(Classifier classifier, ClassifierMeta meta) {}

    /** Like {@link #load}, also returning the stored description. */
    public static Loaded read(Path runDirOrFile, NDManager manager) throws IOException {
        return read(runDirOrFile, manager, null, new ClassifierProgress[1]);
    }

    /**
     * A classifier with what resuming its run needs.
     *
     * @param loaded the classifier and its description
     * @param optimizer the AdamW state arrays, in the manager given to {@link #readResumable}
     * @param progress the run position
     */
    public record Resumable(Loaded loaded, NDList optimizer, ClassifierProgress progress) {

        /**
         * The JSON part of a resumable checkpoint.
         *
         * @param meta the classifier description
         * @param progress the run position
         */
        public record Header(ClassifierMeta meta, ClassifierProgress progress) {}
    }

    /**
     * Reads a run's {@code last.ckpt} for resuming.
     *
     * @throws IOException naming the file when it is no classifier checkpoint or holds no resume
     *     state (written before resuming was supported)
     */
    public static Resumable readResumable(Path file, NDManager manager) throws IOException {
        NDList optim = new NDList();
        ClassifierProgress[] progress = new ClassifierProgress[1];
        Loaded loaded = read(file, manager, optim, progress);
        if (progress[0] == null || optim.isEmpty()) {
            optim.close();
            throw noResumeState(file);
        }
        return new Resumable(loaded, optim, progress[0]);
    }

    /**
     * Reads only the JSON entries of a classifier checkpoint (no arrays are decoded, no engine is
     * needed): its description and run position, to check a run before resuming it.
     *
     * @throws IOException naming the file when it is missing, no classifier checkpoint or holds no
     *     resume state
     */
    public static Resumable.Header readHeader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("classifier checkpoint not found: " + file);
        }
        Object[] found = new Object[3]; // meta, progress, optimizer seen
        try {
            ZipArchive.read(file, (name, data) -> {
                if (name.equals(META)) {
                    found[0] = GSON.fromJson(new String(data, StandardCharsets.UTF_8), ClassifierMeta.class);
                } else if (name.equals(PROGRESS)) {
                    found[1] = GSON.fromJson(new String(data, StandardCharsets.UTF_8), ClassifierProgress.class);
                } else if (name.startsWith(OPTIM)) {
                    found[2] = Boolean.TRUE;
                } else if (name.equals("meta.json")) {
                    throw new IOException(file + " is a pre-training checkpoint, not a classifier one");
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new IOException("classifier checkpoint " + file + " is unreadable or not a classifier checkpoint ("
                    + e.getMessage() + ")", e);
        }
        if (found[0] == null) {
            throw new IOException(file + " is not a mae4j classifier checkpoint (no " + META + ")");
        }
        if (found[1] == null || found[2] == null) {
            throw noResumeState(file);
        }
        return new Resumable.Header((ClassifierMeta) found[0], (ClassifierProgress) found[1]);
    }

    private static IOException noResumeState(Path file) {
        return new IOException(file + " holds no optimizer state / " + PROGRESS + " (written before classifier runs"
                + " could resume): it still loads for mask-eval, but start a new linprobe / finetune run to train on");
    }

    private static Loaded read(Path runDirOrFile, NDManager manager, NDList optim, ClassifierProgress[] progress)
            throws IOException {
        Path file = fileOf(runDirOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IOException("classifier checkpoint not found: " + file + (Files.isDirectory(runDirOrFile)
                    ? " (the run folder has no finished epoch yet)" : "")
                    + "; pass a linprobe / finetune run folder or its checkpoints/*.ckpt");
        }
        ClassifierMeta[] found = {null};
        boolean[] pretraining = {false};
        try (NDManager tmp = manager.newSubManager()) {
            NDList params = new NDList();
            NDList buffers = new NDList();
            try {
                ZipArchive.read(file, (name, data) -> {
                    if (name.equals(META)) {
                        found[0] = GSON.fromJson(new String(data, StandardCharsets.UTF_8), ClassifierMeta.class);
                    } else if (name.equals("meta.json")) {
                        pretraining[0] = true;
                    } else if (name.equals(PROGRESS)) {
                        progress[0] = GSON.fromJson(new String(data, StandardCharsets.UTF_8), ClassifierProgress.class);
                    } else if (optim != null && name.startsWith(OPTIM)) {
                        optim.add(Checkpoints.decodeNamed(manager, data, name.substring(OPTIM.length())));
                    } else if (name.startsWith(MODEL)) {
                        params.add(Checkpoints.decodeNamed(tmp, data, name.substring(MODEL.length())));
                    } else if (name.startsWith(BUFFER)) {
                        buffers.add(Checkpoints.decodeNamed(tmp, data, name.substring(BUFFER.length())));
                    }
                });
            } catch (IOException | RuntimeException e) {
                if (e instanceof JsonParseException || found[0] != null || pretraining[0]) {
                    throw new IOException("classifier checkpoint " + file + " is unreadable (" + e.getMessage() + ")", e);
                }
                throw new IOException(file + " is not a mae4j classifier checkpoint (" + e.getMessage()
                        + "); pass a linprobe / finetune run folder or its checkpoints/*.ckpt", e);
            }
            ClassifierMeta meta = found[0];
            if (meta == null) {
                throw new IOException(file + (pretraining[0]
                        ? " is a pre-training checkpoint, not a classifier: train one first with"
                                + " `linprobe checkpoint=" + file + "` or `finetune checkpoint=" + file + "`"
                        : " is not a mae4j classifier checkpoint (no " + META + ")"));
            }
            if (meta.formatVersion() != FORMAT_VERSION) {
                throw new IOException("classifier checkpoint " + file + " has format " + meta.formatVersion()
                        + " but this build reads format " + FORMAT_VERSION);
            }
            MaeModel model = new MaeModel(meta.model());
            model.initialize(manager);
            Classifier c = Classifier.create(model, HeadKind.parse(meta.kind()),
                    PoolFeature.parse(meta.feature(), file + " feature"), meta.classNames(), manager);
            Checkpoints.copyInto(params, c.officialParameters(), file.toString());
            for (Map.Entry<String, NDArray> e : c.head().buffers().entrySet()) {
                NDArray src = buffers.stream().filter(a -> a.getName().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new IOException(file + " has no entry buffer/" + e.getKey()));
                e.getValue().set(FloatBuffer.wrap(src.toFloatArray()));
            }
            return new Loaded(c, meta);
        }
    }

}
