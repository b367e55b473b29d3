package io.mae4j.model.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes weight files, the format chosen by extension ({@link WeightFormat}):
 * {@code .pth}/{@code .pt}, {@code .npz}, {@code .safetensors}. Names are kept as in the file; see
 * {@link OfficialNames} for the MAE / timm normalisation.
 */
public final class WeightFiles {

    private WeightFiles() {}

    /**
     * Reads a weight file. For {@code .pth} training checkpoints the state dict is unwrapped from
     * {@code model} / {@code state_dict} / {@code module} (see {@link CheckpointUnwrapper}).
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws WeightFileException when its content is not a readable weight file
     */
    public static StateDict read(Path file) throws IOException {
        WeightFormat format = WeightFormat.of(file);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "weight file not found");
        }
        return format.read(file);
    }

    /**
     * Writes a weight file, creating parent folders. The file is written beside the target and moved
     * into place, so an interrupted write never leaves a half-written file under the final name.
     */
    public static void write(StateDict sd, Path file) throws IOException {
        WeightFormat format = WeightFormat.of(file);
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
        try {
            format.write(sd, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
