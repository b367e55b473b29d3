/**
 * The application layer: jobs of several steps built on the libraries below it ({@code train},
 * {@code cache}, {@code analysis}, {@code maskeval}, {@code report}, {@code run}) — the analysis of
 * a model ({@link io.mae4j.app.AnalyzeJob}), the comparison of runs ({@link io.mae4j.app.CompareJob}),
 * the mask-as-prompt evaluation ({@link io.mae4j.app.MaskEvalJob}), the θ cache builds
 * ({@link io.mae4j.app.CacheBuildJob}), the bootstrap θ scorer ({@link io.mae4j.app.BootstrapScorerJob}) and
 * the quickstart story, random vs guided masking with their comparison
 * ({@link io.mae4j.app.QuickstartStory}). Each step is resumable on its own, so a job can be run
 * again after a kill. The CLI calls these; nothing below calls back up into this package.
 */
package io.mae4j.app;
