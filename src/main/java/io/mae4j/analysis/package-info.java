/**
 * The paper's patch interrelation analysis (sections 3.2 and 4; definitions in src/site/markdown/definitions.md):
 * attended sets on the detection line (Eq. 2), weighted and unweighted θ_i (Eq. 3), θ_KK / θ_NK /
 * θ_KN / θ_NN (Eq. 4), the focus index (Eq. 5), the per-patch score θ̄, statistics over probe
 * images (spread, 95 % interval, Wilcoxon signed-rank with rank-biserial effect size, polynomial
 * trends) and the Retrieval / Capture / Coach stage split.
 *
 * <p>All per-element work is tensor code on the engine's device ({@link
 * io.mae4j.analysis.AttentionMeasures}); only per-head and per-patch numbers reach the host.
 *
 * <p>Use during training (every {@code analysis.every} epochs):
 * <pre>{@code
 * AnalysisSettings s = AnalysisSettings.from(config.getConfig("analysis"));
 * ProbeSet probes = ProbeSet.fromDataset(valSplit, s.numImages(), cfg.imgSize(), cfg.patchSize(),
 *         mean, std, s.sift());                              // once: decode, centre crop, SIFT, t_j
 * InterrelationAnalyzer analyzer = new InterrelationAnalyzer(s);
 * if (s.due(epoch, epochs)) {
 *     AnalysisResult r = analyzer.analyze(model, probes, rootManager);
 *     r.scalars().forEach((tag, v) -> writer.addScalar(tag, v, step));     // analysis/theta_KK/layer_01 ...
 *     AnalysisPlots.images(r).forEach((name, img) -> ...);                  // io.mae4j.report
 *     AnalysisReport.write(r, Map.of("epoch", epoch + 1), runDir.resolve("analysis/epoch_0005"));
 * }
 * }</pre>
 */
package io.mae4j.analysis;
