package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mae4j.NdTestBase;
import io.mae4j.data.CropGeometry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Strategy cost: building guided masks for a batch of 64 on a 14×14 grid (ViT-B/16 at 224 px) with
 * 800 keypoints per image, random crops and flips, against {@link RandomMaskStrategy}. Prints the
 * milliseconds per batch; asserts only a loose bound against pathological regressions (the CPU is shared): 50 ms.
 */
class GuidedMaskCostTest extends NdTestBase {

    @Test
    void batchOf64On14x14IsCheap() {
        int b = 64;
        SplittableRandom rng = new SplittableRandom(11);
        Map<Path, ImageScores> cache = new HashMap<>();
        List<Path> paths = new ArrayList<>();
        List<CropGeometry> crops = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            float[] theta = new float[14 * 14];
            for (int c = 0; c < theta.length; c++) {
                theta[c] = (float) rng.nextDouble();
            }
            float[] kp = new float[2 * 800];
            for (int k = 0; k < kp.length; k++) {
                kp[k] = (float) rng.nextDouble();
            }
            Path p = Path.of("img" + i + ".jpg");
            paths.add(p);
            cache.put(p, new ImageScores(14, theta, kp, new float[800], new float[800]));
            double w = 150 + 300 * rng.nextDouble();
            double h = 100 + 250 * rng.nextDouble();
            crops.add(new CropGeometry(500, 375, rng.nextDouble() * (500 - w), rng.nextDouble() * (375 - h), w, h, 224, 224,
                    rng.nextBoolean()));
        }
        GuidedCurriculumStrategy guided = new GuidedCurriculumStrategy(0.5, BetaSchedule.paper(), cache::get, 0);
        RandomMaskStrategy random = new RandomMaskStrategy(0.5);
        double guidedMs = time(guided, crops, paths);
        double randomMs = time(random, crops, paths);
        System.out.printf("mask cost, B=64, 14x14: guided_curriculum %.2f ms/batch, random %.2f ms/batch%n", guidedMs, randomMs);
        assertTrue(guidedMs < 50, "guided masks take " + guidedMs + " ms per batch");
    }

    private double time(MaskStrategy s, List<CropGeometry> crops, List<Path> paths) {
        int reps = 40;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < reps + 40; rep++) {
            try (NDManager sub = manager.newSubManager()) {
                long t0 = System.nanoTime();
                MaskResult r = s.sample(new MaskContext(64, 14, 14, 15, rep, rep, crops, paths), sub);
                assertEquals(98, r.lenKeep());
                long dt = System.nanoTime() - t0;
                if (rep >= 40) {
                    best = Math.min(best, dt);
                }
            }
        }
        return best / 1e6;
    }
}
