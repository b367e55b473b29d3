package io.mae4j.data;

/**
 * An integer crop box in torchvision's order and naming: top row {@code i}, left column {@code j},
 * height {@code h}, width {@code w}, all in source pixels.
 */
public record CropBox(int i, int j, int h, int w) {}
