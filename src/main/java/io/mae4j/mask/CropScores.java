package io.mae4j.mask;

import io.mae4j.data.CropGeometry;
import io.mae4j.sift.Keypoint;
import io.mae4j.sift.KeypointRemap;
import io.mae4j.sift.PatchCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image's cached scores seen through one crop (src/site/markdown/definitions.md, "Crop geometry"): keypoint counts
 * t<sub>j</sub> and θ̄<sub>j</sub> on the h × w patch grid of the model input, so that a mask
 * refers to the patches the model actually sees.
 *
 * <ul>
 *   <li>Keypoints: the normalised source positions are denormalised with the geometry's source
 *       size, moved into the output with {@link KeypointRemap#toOutput} (points outside the crop are
 *       dropped, flips mirror them) and counted with {@link PatchCounts#counts}; K = {j : t_j > 0}.
 *   <li>θ̄: each output patch centre ((col + ½)·P, (row + ½)·P) is mapped back with {@link
 *       CropGeometry#toSource}, normalised to (u, v) = (sx / W, sy / H) and read from the nearest
 *       canonical cell (⌊u·g⌋, ⌊v·g⌋), clamped to the grid. NaN stays NaN; strategies rank it last.
 * </ul>
 *
 * With no geometry the model input is taken to be the whole source image, unflipped.
 *
 * @param counts t, length h·w, patch order j = row · w + col
 * @param theta θ̄ at the patch centres, length h·w, NaN where the cache has none
 */
public record CropScores(int[] counts, float[] theta) {

    /**
     * Remaps one image's scores into the crop.
     *
     * @param scores the cached scores of the source image
     * @param geometry the sample's crop, or null for the whole image
     * @param gridHeight h
     * @param gridWidth w
     * @throws IllegalArgumentException when the output size is not h·P × w·P for one patch size P
     */
    public static CropScores of(ImageScores scores, CropGeometry geometry, int gridHeight, int gridWidth) {
        CropGeometry g = geometry != null ? geometry
                : CropGeometry.whole(gridWidth * 16, gridHeight * 16, gridWidth * 16, gridHeight * 16);
        if (g.outputWidth() % gridWidth != 0 || g.outputHeight() % gridHeight != 0
                || g.outputWidth() / gridWidth != g.outputHeight() / gridHeight) {
            throw new IllegalArgumentException("crop output " + g.outputWidth() + "x" + g.outputHeight()
                    + " is not a grid of " + gridHeight + "x" + gridWidth + " square patches");
        }
        int patch = g.outputWidth() / gridWidth;
        float[] kp = scores.keypoints();
        List<Keypoint> normalised = new ArrayList<>(scores.numKeypoints());
        for (int k = 0; k < scores.numKeypoints(); k++) {
            normalised.add(new Keypoint(kp[2 * k], kp[2 * k + 1], scores.sizes()[k], 0, scores.responses()[k], 0, 1, 1));
        }
        int[] counts = PatchCounts.counts(KeypointRemap.normalizedToOutput(normalised, g), g.outputWidth(),
                g.outputHeight(), patch);
        int cells = scores.gridSize();
        float[] theta = new float[gridHeight * gridWidth];
        for (int row = 0; row < gridHeight; row++) {
            for (int col = 0; col < gridWidth; col++) {
                double[] s = g.toSource((col + 0.5) * patch, (row + 0.5) * patch);
                int cu = clamp((int) Math.floor(s[0] / g.sourceWidth() * cells), cells);
                int cv = clamp((int) Math.floor(s[1] / g.sourceHeight() * cells), cells);
                theta[row * gridWidth + col] = scores.thetaBar()[cv * cells + cu];
            }
        }
        return new CropScores(counts, theta);
    }

    /**
     * The scores of one sample of a batch, remapped into its crop.
     *
     * @param source the score source
     * @param context the batch
     * @param i the sample index
     * @param strategy the asking strategy's name, for error messages
     * @throws IllegalArgumentException when the context has no source paths
     * @throws IllegalStateException when the source has no scores for the image (rebuild the cache)
     */
    static CropScores forSample(ScoreSource source, MaskContext context, int i, String strategy) {
        if (context.sources() == null || context.sources().size() != context.batchSize()) {
            throw new IllegalArgumentException("mask strategy " + strategy
                    + " needs the source file of every sample (MaskContext.sources), got "
                    + (context.sources() == null ? "none" : context.sources().size() + " for B=" + context.batchSize()));
        }
        Path path = context.sources().get(i);
        ImageScores scores = source.scores(path);
        if (scores == null) {
            throw new IllegalStateException("θ score cache has no entry for " + path + " (mask strategy " + strategy
                    + "); the cache does not match the dataset: rebuild it for this data set and mask.guided.cache");
        }
        CropGeometry g = context.geometries() == null ? null : context.geometries().get(i);
        return of(scores, g, context.gridHeight(), context.gridWidth());
    }

    /** The number of keypoint patches |K|. */
    public int keypointPatches() {
        return PatchCounts.keypointPatches(counts);
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
