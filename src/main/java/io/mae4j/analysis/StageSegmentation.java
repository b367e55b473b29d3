package io.mae4j.analysis;

import java.util.List;
import java.util.Map;

/**
 * The split of the layers into Retrieval / Capture / Coach and the check of the paper's signature.
 *
 * <p>Signature criteria (section 4.3 and src/site/markdown/definitions.md), each reported on its own:
 * <ul>
 *   <li>{@code retrieval_low_gap}: stage 1's mean gap is below those of stages 2 and 3;
 *   <li>{@code retrieval_broad_focus}: stage 1's mean focus entropy is above stage 2's;
 *   <li>{@code capture_gap_rises}: stage 2's gap slope is positive;
 *   <li>{@code capture_focus_falls}: stage 2's focus slope is negative;
 *   <li>{@code coach_gap_falls_slightly}: stage 3's gap slope is negative and smaller in size than
 *       stage 2's rise;
 *   <li>{@code coach_focus_rises}: stage 3's focus slope is positive.
 * </ul>
 *
 * @param break1 first layer of stage 2 (1-based)
 * @param break2 first layer of stage 3
 * @param sse summed squared error of the six line fits on the standardised series
 * @param stages the three stages
 * @param signature criterion name → whether it holds, in the order above
 * @param signatureHolds all criteria hold
 * @param candidates how many admissible splits were compared (pairs of breakpoints leaving at least
 *     {@code stage_min_layers} layers per stage)
 */
public record StageSegmentation(int break1, int break2, double sse, List<Stage> stages, Map<String, Boolean> signature,
        boolean signatureHolds, int candidates) {

    /**
     * Whether the data chose the split: with a single admissible split (L = 3 · stage_min_layers, e.g. depth 6
     * at the default 2: only 1-2|3-4|5-6) the stages are forced by the depth, so no verdict on the paper's
     * signature is given.
     */
    public boolean identifiable() {
        return candidates > 1;
    }

    /** "stages not identifiable at depth L" (for the reports), or null when {@link #identifiable()}. */
    public String notIdentifiable() {
        int depth = stages.get(2).lastLayer();
        return identifiable() ? null : "stages not identifiable at depth " + depth + " (stage_min_layers leaves the single"
                + " split " + String.join("|", stages.stream().map(s -> s.firstLayer() + "-" + s.lastLayer()).toList())
                + ")";
    }

    /** The stage holding a 1-based layer. */
    public Stage stageOf(int layer) {
        for (Stage s : stages) {
            if (s.contains(layer)) {
                return s;
            }
        }
        throw new IllegalArgumentException("layer " + layer + " is outside 1.." + stages.get(2).lastLayer());
    }
}
