/**
 * Mask as prompt (paper section 5.1, src/site/markdown/definitions.md "Top/Bottom masking"): patches dropped at inference
 * by their θ̄ score (Top = highest, Bottom = lowest) beside a seeded random-drop control, the
 * accuracy statistics (percentile bootstrap intervals, exact McNemar tests), and the
 * spurious-correlation finder (keypoint patches whose attention goes mostly to non-keypoint
 * patches). Everything runs against {@link io.mae4j.classify.PatchClassifier}.
 */
package io.mae4j.maskeval;
