package io.mae4j.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * Reads PyTorch zip checkpoints ({@code torch.save} of torch ≥ 1.6): {@code <prefix>/data.pkl} (a
 * pickle whose tensors refer to storages by persistent id), {@code <prefix>/data/<key>} (raw
 * little-endian storages) and {@code <prefix>/version}.
 *
 * <p>Tensors become {@link TensorData} (float32; half, bfloat16, double and integer storages are
 * converted) honouring storage offset, size and stride, so transposed views and several views into
 * one storage come out right. Only tensors, storages, dicts, {@code OrderedDict}, lists, tuples,
 * scalars and {@code argparse.Namespace} may appear; any other global is refused with
 * {@link UnsafePickleException}.
 */
public final class PthReader {

    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46};

    private PthReader() {}

    /** Reads the checkpoint and unwraps its state dict (see {@link CheckpointUnwrapper}). */
    public static StateDict read(Path file) throws IOException {
        return CheckpointUnwrapper.toStateDict(readTree(file), file.getFileName().toString());
    }

    /**
     * Reads the whole pickled object: maps ({@code LinkedHashMap}, insertion-ordered), lists,
     * {@code Object[]} for tuples, numbers, strings, {@link TensorData}; a Namespace becomes a map.
     */
    public static Object readTree(Path file) throws IOException {
        String name = file.getFileName().toString();
        checkZipMagic(file, name);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = findPrefix(zip, name);
            ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
            if (byteorder != null && !"little".equals(readText(zip, byteorder).trim())) {
                throw new WeightFileException(name + " was saved on a big-endian machine; only little-endian checkpoints are supported");
            }
            TorchUnpickler unpickler = new TorchUnpickler(name, (key, dtype, numel) -> loadStorage(zip, prefix, name, key, dtype, numel));
            try (InputStream in = new java.io.BufferedInputStream(zip.getInputStream(zip.getEntry(prefix + "data.pkl")))) {
                return unpickler.load(in);
            } catch (PickleException | ClassCastException | IndexOutOfBoundsException e) {
                Throwable cause = e.getCause();
                if (cause instanceof WeightFileException w) {
                    throw w;
                }
                throw new WeightFileException("cannot read " + name + ": " + e.getMessage(), e);
            } finally {
                unpickler.close();
            }
        } catch (ZipException e) {
            throw new WeightFileException(name + " is not a readable zip archive (" + e.getMessage()
                    + "); it may be truncated: download or save it again", e);
        }
    }

    private static void checkZipMagic(Path file, String name) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        boolean legacy = n == 8;
        for (int i = 0; i < n && legacy; i++) {
            legacy = head[i] == LEGACY_MAGIC[i];
        }
        if (legacy) {
            throw new WeightFileException(name + " uses PyTorch's legacy (pre-1.6, non-zip) serialization, which is"
                    + " not supported: re-save it with torch >= 1.6, e.g. python -c \"import torch;"
                    + " torch.save(torch.load('" + name + "'), 'resaved.pth')\"");
        }
        throw new WeightFileException(name + " is not a PyTorch checkpoint (no zip header): expected a file written by"
                + " torch.save (torch >= 1.6); for numpy or safetensors weights use the .npz / .safetensors extension");
    }

    private static String findPrefix(ZipFile zip, String name) throws WeightFileException {
        List<String> top = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String entry = e.nextElement().getName();
            int slash = entry.indexOf('/');
            if (slash > 0 && entry.substring(slash + 1).equals("data.pkl")) {
                return entry.substring(0, slash + 1);
            }
            if (top.size() < 5) {
                top.add(entry);
            }
        }
        boolean torchScript = top.stream().anyMatch(s -> s.endsWith("constants.pkl") || s.contains("/code/"));
        throw new WeightFileException(name + (torchScript
                ? " is a TorchScript archive (torch.jit.save), not a state dict: save model.state_dict() with torch.save"
                : " has no <prefix>/data.pkl record, so it is not a torch.save checkpoint (entries: " + top + ")"));
    }

    private static float[] loadStorage(ZipFile zip, String prefix, String name, String key, WeightDtype dtype, long numel)
            throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "data/" + key);
        if (entry == null) {
            throw new WeightFileException(name + " refers to storage record " + prefix + "data/" + key
                    + ", which is missing: the file is incomplete");
        }
        long bytes = Math.multiplyExact(numel, dtype.bytes());
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new WeightFileException(name + ": storage " + key + " holds " + numel + " elements ("
                    + bytes + " bytes), more than one Java array can hold");
        }
        byte[] raw;
        try (InputStream in = zip.getInputStream(entry)) {
            raw = in.readNBytes((int) bytes);
        }
        if (raw.length < bytes) {
            throw new WeightFileException(name + ": storage record " + entry.getName() + " has " + raw.length
                    + " bytes, but " + numel + " " + dtype + " elements need " + bytes);
        }
        return dtype.decode(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), (int) numel);
    }

    private static String readText(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readNBytes(64), StandardCharsets.UTF_8);
        }
    }
}
