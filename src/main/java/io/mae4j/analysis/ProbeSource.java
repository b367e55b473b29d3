package io.mae4j.analysis;

import com.typesafe.config.Config;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SyntheticDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which image files form a probe set, from a command-line {@code images=} value:
 * <ul>
 *   <li>a folder of class folders ({@code <folder>/<class>/<image>}): the first N images,
 *       class-balanced as {@link ImageFolderDataset} picks them;
 *   <li>a folder of images: its image files sorted by name, the first N;
 *   <li>anything else: a split name of {@code data.root} (e.g. {@code val}); empty = {@code
 *       data.val_split}. The synthetic set is generated first when {@code data.kind = synthetic}.
 * </ul>
 *
 * @param label a short name of the source (folder or split name)
 * @param files the chosen files, in order
 */
public record ProbeSource(String label, List<Path> files) {

    /**
     * Resolves {@code images}.
     *
     * @param images folder or split name; null or empty = the data config's validation split
     * @param data the {@code data} config section
     * @param max N, the most images to take
     */
    public static ProbeSource resolve(String images, Config data, int max) throws IOException {
        if (images != null && !images.isEmpty() && Files.isDirectory(Path.of(images))) {
            Path dir = Path.of(images).toAbsolutePath().normalize();
            List<Path> flat;
            try (Stream<Path> s = Files.list(dir)) {
                flat = s.filter(Files::isRegularFile).filter(ImageFolderDataset::hasImageExtension)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            }
            String label = dir.getFileName().toString();
            if (!flat.isEmpty()) {
                return new ProbeSource(label, flat.subList(0, Math.min(max, flat.size())));
            }
            return fromDataset(label, ImageFolderDataset.open(dir.getParent(), label, max));
        }
        Path root = Path.of(data.getString("root"));
        SyntheticDataset.ensureFor(data);
        String split = images == null || images.isEmpty() ? data.getString("val_split") : images;
        return fromDataset(split, ImageFolderDataset.open(root, split, max));
    }

    private static ProbeSource fromDataset(String label, ImageFolderDataset ds) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            files.add(ds.path(i));
        }
        return new ProbeSource(label, files);
    }
}
