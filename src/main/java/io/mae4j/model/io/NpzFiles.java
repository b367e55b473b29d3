package io.mae4j.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * numpy {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): one {@code <name>.npy}
 * per array; positional arrays are named {@code arr_0}, {@code arr_1}, … as numpy names them.
 */
public final class NpzFiles {

    private NpzFiles() {}

    /** Reads every array, in archive order, named after its entry without {@code .npy}. */
    public static StateDict read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        StateDict sd = new StateDict(fileName);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                sd.put(name, Npy.read(bytes, fileName + ":" + e.getName()));
            }
        } catch (ZipException e) {
            throw new WeightFileException(fileName + " is not a readable .npz (zip) archive: " + e.getMessage(), e);
        }
        return sd;
    }

    /** Writes one uncompressed {@code <name>.npy} entry per tensor, in order (numpy reads it with np.load). */
    public static void write(StateDict sd, Path file) throws IOException {
        try (StoredZipWriter zip = new StoredZipWriter(file)) {
            for (Map.Entry<String, TensorData> e : sd) {
                zip.add(e.getKey() + ".npy", Npy.write(e.getKey(), e.getValue()), 64);
            }
        }
    }
}
