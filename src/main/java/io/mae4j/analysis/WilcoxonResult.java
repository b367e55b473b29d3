package io.mae4j.analysis;

/**
 * A paired Wilcoxon signed-rank test of x against y (here θ_KK against θ_NK over images).
 *
 * @param n pairs used: defined in both series and with a non-zero difference
 * @param zeros pairs left out because x = y (Wilcoxon's convention)
 * @param wPlus sum of the ranks of |x − y| where x > y (average ranks for ties)
 * @param wMinus sum of the ranks where x < y
 * @param pValue two-sided p-value: exact (all 2<sup>n</sup> sign patterns) for n ≤ {@value
 *     PairedWilcoxon#EXACT_MAX}, otherwise the normal approximation with continuity correction
 *     (Commons Math); NaN when n = 0
 * @param exact whether the p-value is exact
 * @param rankBiserial effect size: the matched-pairs rank-biserial correlation (W+ − W−) / (W+ + W−)
 *     in [−1, 1], positive when x tends to exceed y; NaN when n = 0
 */
public record WilcoxonResult(int n, int zeros, double wPlus, double wMinus, double pValue, boolean exact,
        double rankBiserial) {}
