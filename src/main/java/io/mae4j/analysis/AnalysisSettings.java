package io.mae4j.analysis;

import com.typesafe.config.Config;
import io.mae4j.sift.SiftSettings;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the interrelation analysis ({@code analysis.*} in configs/defaults.conf).
 *
 * @param gamma detection-line height γ of Eq. 2 (paper and default 1.0), > 0
 * @param includeSelf whether patch i may be in its own attended set S_i
 * @param clsHandling what to do with the CLS share of each row
 * @param weighted primary θ: weighted by keypoint counts (Eq. 3 right) or the unweighted share
 * @param layers 1-based encoder layers averaged into θ̄; empty = all layers
 * @param trendDegree polynomial degree of the trend lines over layers
 * @param stageMinLayers fewest layers a stage may hold (at least 2, so a line is defined)
 * @param sift SIFT parameters
 * @param numImages probe images used during pre-training
 * @param every analyse every N epochs during pre-training; 0 = off
 * @param batchSize images per encoder forward
 */
public record AnalysisSettings(double gamma, boolean includeSelf, ClsHandling clsHandling, boolean weighted,
        int[] layers, int trendDegree, int stageMinLayers, SiftSettings sift, int numImages, int every,
        int batchSize) {

    /** Validates ranges and copies the layer list. */
    public AnalysisSettings {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("analysis.gamma must be a positive number, got " + gamma);
        }
        layers = layers.clone();
        for (int l : layers) {
            if (l < 1) {
                throw new IllegalArgumentException("analysis.layers holds " + l + ": layers are numbered from 1");
            }
        }
        if (trendDegree < 0 || stageMinLayers < 2 || numImages < 1 || every < 0 || batchSize < 1) {
            throw new IllegalArgumentException("analysis needs trend_degree >= 0, stage_min_layers >= 2,"
                    + " num_images >= 1, every >= 0 and batch_size >= 1; got " + trendDegree + ", " + stageMinLayers
                    + ", " + numImages + ", " + every + ", " + batchSize);
        }
    }

    /** The defaults of configs/defaults.conf. */
    public static AnalysisSettings defaults() {
        return new AnalysisSettings(1.0, true, ClsHandling.RENORMALISE, true, new int[0], 3, 2,
                SiftSettings.OPENCV_DEFAULTS, 32, 1, 8);
    }

    /** Reads the {@code analysis} section. */
    public static AnalysisSettings from(Config a) {
        List<Integer> layers = a.getIntList("layers");
        return new AnalysisSettings(a.getDouble("gamma"), a.getBoolean("include_self"),
                ClsHandling.parse(a.getString("cls_handling")), a.getBoolean("weighted"),
                layers.stream().mapToInt(Integer::intValue).toArray(), a.getInt("trend_degree"),
                a.getInt("stage_min_layers"), SiftSettings.from(a.getConfig("sift")), a.getInt("num_images"),
                a.getInt("every"), a.getInt("batch_size"));
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /**
     * Which of {@code depth} layers enter θ̄ (0-based flags).
     *
     * @throws IllegalArgumentException when a configured layer exceeds the depth
     */
    public boolean[] thetaBarLayers(int depth) {
        boolean[] use = new boolean[depth];
        if (layers.length == 0) {
            Arrays.fill(use, true);
        }
        for (int l : layers) {
            if (l > depth) {
                throw new IllegalArgumentException("analysis.layers names layer " + l + " but the encoder has "
                        + depth + " layers (numbered 1.." + depth + ")");
            }
            use[l - 1] = true;
        }
        return use;
    }

    /** Whether the analysis is due after the given 0-based epoch (always after the last one when on). */
    public boolean due(int epoch, int epochs) {
        return every > 0 && ((epoch + 1) % every == 0 || epoch + 1 == epochs);
    }

    /** A copy with another γ. */
    public AnalysisSettings withGamma(double g) {
        return new AnalysisSettings(g, includeSelf, clsHandling, weighted, layers, trendDegree, stageMinLayers, sift,
                numImages, every, batchSize);
    }

    /** A copy with another CLS handling. */
    public AnalysisSettings withClsHandling(ClsHandling c) {
        return new AnalysisSettings(gamma, includeSelf, c, weighted, layers, trendDegree, stageMinLayers, sift,
                numImages, every, batchSize);
    }

    /** A copy with or without patch i in its own attended set. */
    public AnalysisSettings withIncludeSelf(boolean self) {
        return new AnalysisSettings(gamma, self, clsHandling, weighted, layers, trendDegree, stageMinLayers, sift,
                numImages, every, batchSize);
    }

    /** A copy with another primary θ (weighted or unweighted). */
    public AnalysisSettings withWeighted(boolean w) {
        return new AnalysisSettings(gamma, includeSelf, clsHandling, w, layers, trendDegree, stageMinLayers, sift,
                numImages, every, batchSize);
    }
}
