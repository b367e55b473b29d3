package io.mae4j.app;

import io.mae4j.analysis.AnalysisResult;
import io.mae4j.report.AnalysisPlots;
import io.mae4j.report.StageEmergence;
import io.mae4j.train.AnalysisFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The figures a pre-training run draws with its in-training analyses: each analysis' plots
 * ({@link AnalysisPlots}) and, after each one, the run's stage-emergence picture over all analyses so far
 * ({@link StageEmergence}, written to {@code <run>/analysis/emergence.png}).
 */
public final class TrainingFigures implements AnalysisFigures {

    /** The figures of every training run started from the CLI or a recipe. */
    public static final TrainingFigures ALL = new TrainingFigures();

    private TrainingFigures() {}

    @Override
    public Map<String, byte[]> pngs(AnalysisResult r) throws IOException {
        return AnalysisPlots.pngs(r);
    }

    @Override
    public Map<String, byte[]> runPngs(Path runDir) throws IOException {
        byte[] emergence = StageEmergence.write(runDir);
        return emergence == null ? Map.of() : Map.of("emergence", emergence);
    }
}
