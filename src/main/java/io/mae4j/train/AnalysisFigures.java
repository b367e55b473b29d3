package io.mae4j.train;

import io.mae4j.analysis.AnalysisResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Draws the figures of one interrelation analysis made during training, as PNG bytes by name (the
 * file stem under the epoch's analysis folder and the TensorBoard tag {@code analysis/plots/<name>}).
 * The training loop does not draw: its caller supplies this (the CLI and the app layer pass
 * {@code io.mae4j.app.TrainingFigures#ALL}), so {@code train} does not depend on {@code report}.
 */
@FunctionalInterface
public interface AnalysisFigures {

    /** No figures: the analysis writes report.json, its CSV files and scalars only. */
    AnalysisFigures NONE = r -> Map.of();

    /** PNG bytes by name for the analysis {@code r}. */
    Map<String, byte[]> pngs(AnalysisResult r) throws IOException;

    /**
     * Figures over all analyses of the run so far (the stage-emergence picture), drawn after each one and
     * written by the implementation into {@code runDir}; PNG bytes by name for TensorBoard. None by default.
     */
    default Map<String, byte[]> runPngs(Path runDir) throws IOException {
        return Map.of();
    }
}
