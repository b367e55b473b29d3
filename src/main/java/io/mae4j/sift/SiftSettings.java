package io.mae4j.sift;

import com.typesafe.config.Config;

/**
 * The parameters of OpenCV's {@code SIFT.create} ({@code analysis.sift.*}). OpenCV's defaults are
 * {@code (0, 3, 0.04, 10, 1.6)}.
 *
 * @param nfeatures keep the best N keypoints by response; 0 = all
 * @param nOctaveLayers layers per octave of the difference-of-Gaussians pyramid
 * @param contrastThreshold drop weak extrema (larger = fewer keypoints)
 * @param edgeThreshold drop edge-like extrema (larger = more keypoints)
 * @param sigma Gaussian blur of the first octave
 */
public record SiftSettings(int nfeatures, int nOctaveLayers, double contrastThreshold, double edgeThreshold,
        double sigma) {

    /** OpenCV's defaults. */
    public static final SiftSettings OPENCV_DEFAULTS = new SiftSettings(0, 3, 0.04, 10.0, 1.6);

    /** Checks the ranges OpenCV would otherwise reject with a native assertion. */
    public SiftSettings {
        if (nfeatures < 0) {
            throw new IllegalArgumentException("analysis.sift.nfeatures must be >= 0 (0 = all), got " + nfeatures);
        }
        if (nOctaveLayers < 1) {
            throw new IllegalArgumentException("analysis.sift.n_octave_layers must be >= 1, got " + nOctaveLayers);
        }
        if (!(contrastThreshold >= 0) || !(edgeThreshold > 0) || !(sigma > 0)) {
            throw new IllegalArgumentException("analysis.sift needs contrast_threshold >= 0, edge_threshold > 0 and"
                    + " sigma > 0, got " + contrastThreshold + ", " + edgeThreshold + ", " + sigma);
        }
    }

    /** Reads an {@code analysis.sift} section. */
    public static SiftSettings from(Config sift) {
        return new SiftSettings(sift.getInt("nfeatures"), sift.getInt("n_octave_layers"),
                sift.getDouble("contrast_threshold"), sift.getDouble("edge_threshold"), sift.getDouble("sigma"));
    }
}
