package io.mae4j.sift;

import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageOps;
import java.util.List;

/**
 * The one keypoint definition of mae4j (src/site/markdown/keypoints.md): SIFT runs on the image as the
 * model views it. A view of side V is the source resized (bicubic) so that its shorter side is V, aspect
 * ratio kept (torchvision's {@code Resize(V)}, the first step of the evaluation transform).
 *
 * <ul>
 *   <li>{@code analyze} and {@code mask-eval} see one fixed view, the evaluation crop at S = {@code
 *       model.img_size}: SIFT runs on that S × S crop ({@code ProbeSet}).
 *   <li>Training sees random crops resized to S; the θ score cache stores one set per image, detected on
 *       the view of side {@link #trainingViewSide} (the scale of the mean crop), normalised
 *       ({@link KeypointRemap#toNormalized}) and moved into each crop with {@link
 *       KeypointRemap#normalizedToOutput}.
 * </ul>
 *
 * So a 28 px source and a 500 px source both get the keypoints of the pixels the model gets: neither the
 * few coarse keypoints of a tiny source nor the fine-scale ones of a large source the model never sees.
 */
public final class ModelViewKeypoints {

    private ModelViewKeypoints() {}

    /**
     * The size of the model view of a W × H image: shorter side → {@code side}, longer side →
     * floor(side · long / short), as {@code ResizeCenterCrop}'s resize step.
     *
     * @return {width, height}
     */
    public static int[] viewSize(int width, int height, int side) {
        if (width <= 0 || height <= 0 || side <= 0) {
            throw new IllegalArgumentException("image " + width + "x" + height + " and view side " + side
                    + " must be positive");
        }
        if (width <= height) {
            return new int[] {side, Math.max(1, (int) ((long) side * height / width))};
        }
        return new int[] {Math.max(1, (int) ((long) side * width / height)), side};
    }

    /**
     * The side V of the cache's view for training crops: V = round(S / √ā) with ā = (scale_min + scale_max) / 2
     * the mean crop area fraction of RandomResizedCrop. A crop of area fraction a is resized from about
     * √a times the source side to S, so training sees the source at S / √a; V is that scale for the mean
     * crop (MAE's [0.2, 1]: ā = 0.6, V = 1.29 S — 83 px for S = 64, 289 px for S = 224). Without random
     * crops (ā = 1) V = S, the evaluation view.
     *
     * @param imgSize S, {@code model.img_size}
     * @param scaleMin lower bound of {@code data.crop_scale}
     * @param scaleMax upper bound of {@code data.crop_scale}
     */
    public static int trainingViewSide(int imgSize, double scaleMin, double scaleMax) {
        double mean = (scaleMin + scaleMax) / 2;
        if (!(imgSize > 0 && mean > 0 && mean <= 1)) {
            throw new IllegalArgumentException("need img_size > 0 and a crop scale mean in (0, 1], got " + imgSize
                    + " and [" + scaleMin + ", " + scaleMax + "]");
        }
        return (int) Math.round(imgSize / Math.sqrt(mean));
    }

    /** The source resized to its model view (the source itself when it already has that size). */
    public static DecodedImage view(DecodedImage source, int side) {
        int[] s = viewSize(source.width(), source.height(), side);
        if (s[0] == source.width() && s[1] == source.height()) {
            return source;
        }
        return ImageOps.cropResize(source, 0, 0, source.width(), source.height(), s[0], s[1]);
    }

    /**
     * SIFT keypoints of the model view of {@code source}, in normalised source coordinates (u = x / W of
     * the view, which is the same fraction of the source).
     *
     * @param side S, the model's input side
     */
    public static List<Keypoint> normalized(SiftDetector sift, DecodedImage source, int side) {
        DecodedImage v = view(source, side);
        return KeypointRemap.toNormalized(sift.detect(v), v.width(), v.height());
    }
}
