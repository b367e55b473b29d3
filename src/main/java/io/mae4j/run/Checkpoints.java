package io.mae4j.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import io.mae4j.device.Host;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checkpoint files: one zip holding {@code meta.json}, one entry {@code model/<official name>}
 * per parameter and one entry {@code optimizer/<state name>} per AdamW state array (moments and
 * step count), each in DJL's NDArray encoding. One entry per array keeps every entry far below
 * the 2 GB a Java array can hold, even for ViT-L.
 *
 * <p>Writes are atomic: the file is written to a sibling temp file, forced to disk and renamed
 * over the target, so a crash during a save leaves the previous checkpoint intact.
 */
public final class Checkpoints {

    private static final Gson GSON = new Gson();
    private static final String META = "meta.json";
    private static final String MODEL = "model/";
    private static final String OPTIM = "optimizer/";

    private Checkpoints() {}

    /**
     * Writes a checkpoint atomically.
     *
     * @param file target path (parent folders are created)
     * @param params the model parameters by official name
     * @param optimizerState the optimizer's named state arrays
     * @param meta the run position
     */
    public static void save(Path file, Map<String, Parameter> params, NDList optimizerState, CheckpointMeta meta)
            throws IOException {
        ZipArchive.write(file, sink -> {
            sink.put(META, GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                sink.put(MODEL + e.getKey(), Host.encode(e.getValue().getArray())); // read back to the CPU
            }
            for (NDArray a : optimizerState) {
                sink.put(OPTIM + a.getName(), Host.encode(a));
            }
        });
    }

    /**
     * Decodes one array entry of a checkpoint archive (DJL's {@link NDArray#encode()} bytes).
     *
     * @param manager owns the array
     * @param data the entry's bytes
     * @param name the array's name (the entry name without its folder prefix)
     */
    public static NDArray decodeNamed(NDManager manager, byte[] data, String name) {
        NDArray a = NDArray.decode(manager, data);
        a.setName(name);
        return a;
    }

    /** The contents of a checkpoint file. Arrays live in the manager given to {@link #read}. */
    public record Loaded(CheckpointMeta meta, NDList model, NDList optimizer) {}

    /**
     * Reads only the {@code meta.json} of a checkpoint (no arrays are decoded): where a run stood.
     *
     * @throws IOException when the file is missing, unreadable or has no meta.json
     */
    public static CheckpointMeta readMeta(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(META)) {
                    return GSON.fromJson(new String(zip.readAllBytes(), StandardCharsets.UTF_8), CheckpointMeta.class);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + " is unreadable (" + e.getMessage() + ")", e);
        }
        throw new IOException("checkpoint " + file + " has no " + META + "; use an older checkpoint or start a new run");
    }

    /** Reads a checkpoint; errors name the file and what is wrong with it. */
    public static Loaded read(Path file, NDManager manager) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("checkpoint not found: " + file);
        }
        CheckpointMeta[] found = {null};
        NDList model = new NDList();
        NDList optim = new NDList();
        try {
            ZipArchive.read(file, (name, data) -> {
                if (name.equals(META)) {
                    found[0] = GSON.fromJson(new String(data, StandardCharsets.UTF_8), CheckpointMeta.class);
                } else if (name.startsWith(MODEL)) {
                    model.add(decodeNamed(manager, data, name.substring(MODEL.length())));
                } else if (name.startsWith(OPTIM)) {
                    optim.add(decodeNamed(manager, data, name.substring(OPTIM.length())));
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new IOException("checkpoint " + file + " is unreadable (" + e.getMessage()
                    + "); use an older checkpoint from its folder or start a new run", e);
        }
        CheckpointMeta meta = found[0];
        if (meta == null || model.isEmpty() || optim.isEmpty()) {
            throw new IOException("checkpoint " + file + " is incomplete (needs " + META + ", " + MODEL
                    + "*, " + OPTIM + "*); use an older checkpoint or start a new run");
        }
        if (meta.formatVersion() != CheckpointMeta.FORMAT_VERSION) {
            throw new IOException("checkpoint " + file + " has format " + meta.formatVersion()
                    + " but this build reads format " + CheckpointMeta.FORMAT_VERSION);
        }
        return new Loaded(meta, model, optim);
    }

    /**
     * Copies named arrays into parameters, requiring every parameter to be present with its shape.
     *
     * @param source arrays named by official parameter name
     * @param params the model parameters by official name
     * @param origin file name used in error messages
     */
    public static void copyInto(NDList source, Map<String, Parameter> params, String origin) {
        Map<String, NDArray> byName = new java.util.HashMap<>();
        for (NDArray a : source) {
            byName.put(a.getName(), a);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray src = byName.get(e.getKey());
            if (src == null) {
                throw new IllegalStateException(origin + " has no entry for parameter '" + e.getKey()
                        + "': it was written by a different model; check model.* against the run's config.conf");
            }
            NDArray dst = e.getValue().getArray();
            Shape want = dst.getShape();
            if (!src.getShape().equals(want)) {
                throw new IllegalStateException(origin + ": parameter '" + e.getKey() + "' has shape "
                        + src.getShape() + " but the model expects " + want);
            }
            dst.set(java.nio.FloatBuffer.wrap(src.toFloatArray()));
        }
    }
}
