package io.mae4j.data;

import java.nio.file.Path;

/**
 * One decoded dataset sample. When the requested index did not decode, this is the replacement the
 * dataset chose, and {@code index}, {@code path} and {@code label} describe the replacement.
 *
 * @param index dataset index of the image actually decoded
 * @param path its file
 * @param label its class index
 * @param image its pixels
 */
public record LoadedImage(int index, Path path, int label, DecodedImage image) {}
