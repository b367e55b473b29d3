package io.mae4j.data;

/**
 * What {@link SyntheticDataset} generates; stored as {@code synth.json} next to the images.
 *
 * @param classes number of classes, 1..30 (up to 10: one shape each; more: shape × texture family)
 * @param trainPerClass training images per class, at least 1
 * @param valPerClass validation images per class, at least 1
 * @param imageSize side of the square images in pixels, 16..1024
 * @param spuriousBackground when true, training backgrounds have a class-correlated hue (90% of the
 *     images of class c use hue c/classes); validation backgrounds are always random
 * @param seed generator seed; the same spec always yields the same bytes
 * @param style the look, a {@link SynthStyle#key()} ({@code shapes}, {@code bold}, {@code bold_plain},
 *     {@code silhouette}); null reads as {@code shapes}, the look of sets written before the key existed
 */
public record SynthSpec(int classes, int trainPerClass, int valPerClass, int imageSize, boolean spuriousBackground,
        long seed, String style) {

    /** Maximum number of classes (10 shapes × 3 texture families). */
    public static final int MAX_CLASSES = SynthPainter.SHAPES.size() * SynthPainter.TEXTURES.size();

    /** Validates the values. */
    public SynthSpec {
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("synthetic classes must be in 1.." + MAX_CLASSES + ", got " + classes);
        }
        if (trainPerClass < 1 || valPerClass < 1) {
            throw new IllegalArgumentException("synthetic trainPerClass and valPerClass must be >= 1, got "
                    + trainPerClass + " and " + valPerClass);
        }
        if (imageSize < 16 || imageSize > 1024) {
            throw new IllegalArgumentException("synthetic imageSize must be in 16..1024, got " + imageSize);
        }
        style = style == null ? SynthStyle.SHAPES.key() : style;
        SynthStyle look = SynthStyle.of(style); // validates
        if (spuriousBackground && look.gray) {
            throw new IllegalArgumentException("data.synth.spurious_background=true plants a background hue, but style '"
                    + style + "' is gray (no hue to correlate): choose a coloured style, e.g. data.synth.style=bold_plain");
        }
    }

    /** A spec in the original {@code shapes} style. */
    public SynthSpec(int classes, int trainPerClass, int valPerClass, int imageSize, boolean spuriousBackground,
            long seed) {
        this(classes, trainPerClass, valPerClass, imageSize, spuriousBackground, seed, SynthStyle.SHAPES.key());
    }

    /** The style as an enum. */
    public SynthStyle look() {
        return SynthStyle.of(style);
    }

    /** Reads the {@code data.synth} section of a config. */
    public static SynthSpec from(com.typesafe.config.Config synth) {
        return new SynthSpec(synth.getInt("classes"), synth.getInt("train_per_class"), synth.getInt("val_per_class"),
                synth.getInt("image_size"), synth.getBoolean("spurious_background"), synth.getLong("seed"),
                synth.getString("style"));
    }

    /** The original quick-start set: 10 classes, 64 train + 16 val each, 64 px, no spurious background, seed 0, shapes. */
    public static SynthSpec defaults() {
        return new SynthSpec(10, 64, 16, 64, false, 0L);
    }
}
