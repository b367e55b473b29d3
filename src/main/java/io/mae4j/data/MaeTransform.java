package io.mae4j.data;

import java.util.SplittableRandom;

/**
 * The MAE input pipeline. Training: {@link RandomResizedCrop} (bicubic) + horizontal flip, then
 * {@link ToTensorNormalize}. Evaluation: {@link ResizeCenterCrop} with the shorter side resized to
 * {@code size} (no random numbers drawn), then {@link ToTensorNormalize}. Thread-safe.
 */
public final class MaeTransform implements ImageTransform {

    private final RandomResizedCrop rrc;
    private final ResizeCenterCrop eval;
    private final ToTensorNormalize norm;
    private final int size;

    private MaeTransform(TransformSettings s, boolean train) {
        this.size = s.size();
        this.rrc = train ? new RandomResizedCrop(s.size(), s.scaleMin(), s.scaleMax(), s.ratioMin(), s.ratioMax(),
                s.hflip()) : null;
        this.eval = train ? null : new ResizeCenterCrop(s.size(), s.size());
        this.norm = new ToTensorNormalize(s.mean(), s.std());
    }

    /** The random training transform. */
    public static MaeTransform train(TransformSettings settings) {
        return new MaeTransform(settings, true);
    }

    /** The deterministic evaluation transform (only size, mean and std are used). */
    public static MaeTransform eval(TransformSettings settings) {
        return new MaeTransform(settings, false);
    }

    /** Whether this is the random training variant. */
    public boolean isTraining() {
        return rrc != null;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public TransformedImage apply(DecodedImage image, SplittableRandom rng) {
        CroppedImage c = rrc != null ? rrc.apply(image, rng) : eval.apply(image);
        return new TransformedImage(norm.apply(c.image()), c.geometry());
    }
}
