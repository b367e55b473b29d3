/**
 * PNG plots (XChart): the interrelation analysis figures of the paper (Fig. 5, 6, 7a, 7b) for an
 * {@link io.mae4j.analysis.AnalysisResult}. Layers are numbered from 1 on every axis.
 */
package io.mae4j.report;
