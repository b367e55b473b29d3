package io.mae4j.maskeval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.md of a mask-eval run: the accuracy table (rows = ratios, columns = Top / Bottom / Random
 * with 95% intervals), the paired tests against the baseline, the spurious-drop table and a note on
 * the definitions used.
 */
final class MaskEvalMarkdown {

    private MaskEvalMarkdown() {}

    static String render(MaskEvalRun run, MaskEvalStats stats, Map<String, Object> provenance) {
        StringBuilder md = new StringBuilder("# Mask as prompt: Top / Bottom θ̄ patch dropping\n\n");
        provenance.forEach((k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        md.append(String.format(Locale.ROOT, "- images: %d, patches N = %d, drop = %s, random repeats R = %d%n%n",
                run.images(), run.patches(), run.drop().key(), run.repeats()));
        MaskEvalStats.Row base = stats.rows().get(0);
        md.append("## Accuracy (95% percentile bootstrap interval over images)\n\n")
                .append("| r | n_drop | Top | Bottom | Random (mean ± sd over repeats) |\n")
                .append("|---:|---:|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| 0 | 0 | %s | %s | %s |%n", acc(base), acc(base), acc(base)));
        List<MaskEvalStats.Row> top = stats.mode("top");
        List<MaskEvalStats.Row> bottom = stats.mode("bottom");
        List<MaskEvalStats.Row> random = stats.mode("random");
        for (int r = 0; r < top.size(); r++) {
            MaskEvalStats.Row rr = random.get(r);
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s (± %.4f) |%n", MaskEvalReport.f(top.get(r)
                    .ratio()), top.get(r).nDrop(), acc(top.get(r)), acc(bottom.get(r)), acc(rr), rr.repeatSd()));
        }
        md.append("\n## Difference to the unmasked baseline (paired)\n\n")
                .append("| r | mode | Δ accuracy [95% CI] | McNemar lost / gained | p (exact) |\n")
                .append("|---:|---|---|---:|---:|\n");
        for (int r = 0; r < top.size(); r++) {
            for (MaskEvalStats.Row row : List.of(top.get(r), bottom.get(r), random.get(r))) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %+.4f [%+.4f, %+.4f] | %s | %s |%n",
                        MaskEvalReport.f(row.ratio()), row.mode(), row.diff(), row.diffCi().low(), row.diffCi().high(),
                        row.test() == null ? "–" : row.test().lost() + " / " + row.test().gained(),
                        row.test() == null ? "–" : String.format(Locale.ROOT, "%.4g", row.test().pValue())));
            }
        }
        if (stats.spurious() != null) {
            spurious(md, stats.spurious());
        }
        md.append("\n## Definitions\n\n")
                .append("- θ̄_i: mean over heads and the configured layers of the patch interrelation θ_i, from the"
                        + " classifier's own encoder on the evaluated image (resized centre crop at model resolution,"
                        + " SIFT on that crop).\n")
                .append("- n_drop = round-half-up(r · N). Top drops the n_drop highest θ̄, Bottom the n_drop lowest;"
                        + " ties broken by a seeded random order; NaN θ̄ ranks lowest.\n")
                .append("- Random: n_drop uniformly random patches per image, a fresh seeded draw per image and"
                        + " repeat (nested across ratios).\n")
                .append("- drop=tokens: the encoder sees only the kept patch tokens; drop=mean: dropped patches"
                        + " are filled with the mean colour (0 after normalisation) and all tokens are kept.\n")
                .append("- Intervals: percentile bootstrap over images (nearest rank, 2.5% and 97.5%), paired for"
                        + " differences. Test: exact McNemar on the discordant pairs (lost = right → wrong,"
                        + " gained = wrong → right), two-sided.\n");
        return md.toString();
    }

    private static void spurious(StringBuilder md, MaskEvalStats.SpuriousStats s) {
        md.append("\n## Spurious correlations (keypoint patches attending mostly to non-keypoint patches)\n\n")
                .append(String.format(Locale.ROOT, "**%d of %d images flagged at false-discovery rate %.2f**"
                        + " (Benjamini–Hochberg over every image's null p-value: is its keypoint set less"
                        + " attention-cohesive than random patch sets of the same size in the same image?). Without"
                        + " the null, the per-patch rule alone (θ̄_i below the threshold on a keypoint patch) would"
                        + " flag %d. %.2f flagged of %.2f keypoint patches per image on average. %d images have a"
                        + " non-empty drop set (mean %.2f patches); the table is over those.%n%n",
                        s.flaggedImages(), s.images(), s.fdr(), s.withoutNull(), s.meanFlagged(),
                        s.meanKeypointPatches(), s.affected(), s.meanDrop()))
                .append("| drop | flip rate [95% CI] | accuracy before → after | Δ [95% CI] | McNemar lost / gained |"
                        + " p |\n|---|---|---|---|---:|---:|\n");
        effect(md, "attended non-keypoint patches", s.attended());
        effect(md, "as many random non-keypoint patches", s.control());
    }

    private static void effect(StringBuilder md, String name, MaskEvalStats.Effect e) {
        md.append(String.format(Locale.ROOT, "| %s | %.4f [%.4f, %.4f] | %.4f → %.4f | %+.4f [%+.4f, %+.4f] | %d / %d |"
                + " %.4g |%n", name, e.flipRate(), e.flipCi().low(), e.flipCi().high(), e.before(), e.after(), e.diff(),
                e.diffCi().low(), e.diffCi().high(), e.test().lost(), e.test().gained(), e.test().pValue()));
    }

    private static String acc(MaskEvalStats.Row r) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", r.accuracy(), r.ci().low(), r.ci().high());
    }
}
