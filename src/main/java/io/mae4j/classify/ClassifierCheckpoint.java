package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.mae4j.model.MaeModel;
import io.mae4j.train.Checkpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A self-contained classifier file: one zip holding {@code classifier.json} ({@link
 * ClassifierMeta}: head kind, feature, class names, the backbone's shape), one entry {@code
 * model/<official name>} per encoder and head parameter and {@code buffer/<name>} per BatchNorm
 * statistic, each in DJL's NDArray encoding. The MAE decoder is not stored (a classifier never
 * runs it); a loaded backbone's decoder holds random weights.
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
        ClassifierMeta meta = new ClassifierMeta(FORMAT_VERSION, classifier.kind().configName(),
                classifier.feature().configName(), classifier.classNames(), classifier.backbone().config(), epochsDone,
                top1, source);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream fos = Files.newOutputStream(tmp);
                ZipOutputStream zip = new ZipOutputStream(fos)) {
            put(zip, META, GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Parameter> e : classifier.officialParameters().entrySet()) {
                put(zip, MODEL + e.getKey(), e.getValue().getArray().encode());
            }
            for (Map.Entry<String, NDArray> e : classifier.head().buffers().entrySet()) {
                put(zip, BUFFER + e.getKey(), e.getValue().encode());
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
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
        Path file = fileOf(runDirOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IOException("classifier checkpoint not found: " + file + (Files.isDirectory(runDirOrFile)
                    ? " (the run folder has no finished epoch yet)" : "")
                    + "; pass a linprobe / finetune run folder or its checkpoints/*.ckpt");
        }
        ClassifierMeta meta = null;
        boolean pretraining = false;
        try (NDManager tmp = manager.newSubManager()) {
            NDList params = new NDList();
            NDList buffers = new NDList();
            try (InputStream in = Files.newInputStream(file);
                    ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    byte[] data = zip.readAllBytes();
                    String name = e.getName();
                    if (name.equals(META)) {
                        meta = GSON.fromJson(new String(data, StandardCharsets.UTF_8), ClassifierMeta.class);
                    } else if (name.equals("meta.json")) {
                        pretraining = true;
                    } else if (name.startsWith(MODEL) || name.startsWith(BUFFER)) {
                        NDArray a = NDArray.decode(tmp, data);
                        boolean isParam = name.startsWith(MODEL);
                        a.setName(name.substring(isParam ? MODEL.length() : BUFFER.length()));
                        (isParam ? params : buffers).add(a);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof JsonParseException || meta != null || pretraining) {
                    throw new IOException("classifier checkpoint " + file + " is unreadable (" + e.getMessage() + ")", e);
                }
                throw new IOException(file + " is not a mae4j classifier checkpoint (" + e.getMessage()
                        + "); pass a linprobe / finetune run folder or its checkpoints/*.ckpt", e);
            }
            if (meta == null) {
                throw new IOException(file + (pretraining
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

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
