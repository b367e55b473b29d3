package io.mae4j.model.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The weight file formats, chosen by file extension (case-insensitive). */
public enum WeightFormat {
    /** PyTorch zip checkpoint ({@code torch.save}, torch ≥ 1.6; {@code .bin} as in Hugging Face {@code pytorch_model.bin}). */
    PTH(".pth", ".pt", ".bin"),
    /** numpy archive ({@code np.savez}). */
    NPZ(".npz"),
    /** Hugging Face safetensors. */
    SAFETENSORS(".safetensors");

    private final List<String> extensions;

    WeightFormat(String... extensions) {
        this.extensions = List.of(extensions);
    }

    /** Extensions of this format, with the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * The format of a file name.
     *
     * @throws IllegalArgumentException naming the file and the supported extensions
     */
    public static WeightFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> all = new ArrayList<>();
        for (WeightFormat f : values()) {
            for (String ext : f.extensions) {
                if (name.endsWith(ext)) {
                    return f;
                }
                all.add(ext);
            }
        }
        throw new IllegalArgumentException("cannot tell the weight format of '" + file.getFileName()
                + "' from its extension: use one of " + all);
    }

    /** Reads a file of this format. */
    public StateDict read(Path file) throws IOException {
        return switch (this) {
            case PTH -> PthReader.read(file);
            case NPZ -> NpzFiles.read(file);
            case SAFETENSORS -> SafetensorsFiles.read(file);
        };
    }

    /** Writes a file of this format (overwriting it). */
    public void write(StateDict sd, Path file) throws IOException {
        switch (this) {
            case PTH -> PthWriter.write(sd, file);
            case NPZ -> NpzFiles.write(sd, file);
            case SAFETENSORS -> SafetensorsFiles.write(sd, file);
        }
    }
}
