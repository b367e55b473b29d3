package io.mae4j.mask;

import java.util.SplittableRandom;

/**
 * BEiT's block-wise {@code MaskingGenerator} on one h × w grid, followed by a random top-up to an
 * exact count. Integer work on a {@code boolean[]} in patch order (j = row · w + col).
 *
 * <p>Block phase (as BEiT): while fewer than {@code target} patches are covered, try up to 10 times
 * to place a rectangle of area ~ U[minNumPatches, maxBlock] and aspect ratio exp(U[ln a, ln 1/a]),
 * {@code maxBlock = min(target − covered, maxNumPatches)}; a rectangle is accepted only when it
 * covers between 1 and {@code maxBlock} new patches; the phase ends at the target or when 10
 * attempts in a row fail. Because a block never adds more than {@code target − covered} patches the
 * block phase cannot overshoot.
 *
 * <p>Top-up (our addition, MAE needs equal counts per image): when the block phase stops short,
 * the missing patches are drawn uniformly from the uncovered ones.
 */
final class BlockMaskGenerator {

    private static final int ATTEMPTS = 10;

    private final int height;
    private final int width;
    private final int target;
    private final int minNumPatches;
    private final int maxNumPatches;
    private final double logAspectMin;
    private final double logAspectMax;

    /**
     * @param height h
     * @param width w
     * @param target patches to mask, 0 ≤ target ≤ h · w
     * @param minNumPatches smallest block area
     * @param maxNumPatches largest block area, 0 = no cap (then the remaining target caps it)
     * @param minAspect smallest aspect ratio h/w of a block, in (0, 1]; the largest is 1 / minAspect
     */
    BlockMaskGenerator(int height, int width, int target, int minNumPatches, int maxNumPatches, double minAspect) {
        if (target < 0 || target > height * width) {
            throw new IllegalArgumentException("block mask target " + target + " outside [0, " + height * width + "]");
        }
        this.height = height;
        this.width = width;
        this.target = target;
        this.minNumPatches = minNumPatches;
        this.maxNumPatches = maxNumPatches == 0 ? target : maxNumPatches;
        this.logAspectMin = Math.log(minAspect);
        this.logAspectMax = Math.log(1 / minAspect);
    }

    /**
     * Fills {@code mask} (length h · w, all false on entry) with exactly {@code target} true entries.
     *
     * @return how many of them the block phase placed (the rest are random top-up)
     */
    int generate(SplittableRandom rng, boolean[] mask) {
        int covered = 0;
        while (covered < target) {
            int maxBlock = Math.min(target - covered, maxNumPatches);
            int delta = placeBlock(rng, mask, maxBlock);
            if (delta == 0) {
                break;
            }
            covered += delta;
        }
        int fromBlocks = covered;
        topUp(rng, mask, target - covered);
        return fromBlocks;
    }

    /** One BEiT {@code _mask} call: up to 10 attempts, returns the number of newly covered patches. */
    private int placeBlock(SplittableRandom rng, boolean[] mask, int maxBlock) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double area = uniform(rng, minNumPatches, maxBlock);
            double aspect = Math.exp(uniform(rng, logAspectMin, logAspectMax));
            int h = (int) Math.round(Math.sqrt(area * aspect));
            int w = (int) Math.round(Math.sqrt(area / aspect));
            if (w >= width || h >= height) {
                continue; // BEiT keeps blocks strictly smaller than the grid
            }
            int top = rng.nextInt(height - h + 1);
            int left = rng.nextInt(width - w + 1);
            int fresh = 0;
            for (int r = top; r < top + h; r++) {
                for (int c = left; c < left + w; c++) {
                    if (!mask[r * width + c]) {
                        fresh++;
                    }
                }
            }
            if (fresh > 0 && fresh <= maxBlock) {
                for (int r = top; r < top + h; r++) {
                    for (int c = left; c < left + w; c++) {
                        mask[r * width + c] = true;
                    }
                }
                return fresh;
            }
        }
        return 0;
    }

    /** Marks {@code missing} uniformly chosen uncovered patches (partial Fisher–Yates). */
    private static void topUp(SplittableRandom rng, boolean[] mask, int missing) {
        if (missing <= 0) {
            return;
        }
        int[] free = new int[mask.length];
        int count = 0;
        for (int j = 0; j < mask.length; j++) {
            if (!mask[j]) {
                free[count++] = j;
            }
        }
        for (int i = 0; i < missing; i++) {
            int pick = i + rng.nextInt(count - i);
            int chosen = free[pick];
            free[pick] = free[i];
            free[i] = chosen;
            mask[chosen] = true;
        }
    }

    /** Python's {@code random.uniform(a, b)}: a + (b − a) · U[0, 1), also when b < a. */
    private static double uniform(SplittableRandom rng, double a, double b) {
        return a + (b - a) * rng.nextDouble();
    }
}
