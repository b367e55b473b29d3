package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mae4j.NdTestBase;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.analysis.InterrelationAnalyzer;
import io.mae4j.analysis.ProbeSet;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner end to end on six synthetic 32 px images with the tiny classifier. */
class MaskEvalRunnerTest extends NdTestBase {

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** Six synthetic images of two classes. */
    static EvalImages images() {
        SyntheticDataset ds = new SyntheticDataset(new SynthSpec(2, 1, 3, 32, false, 0));
        List<EvalImages.Item> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(new EvalImages.Item("img" + i, i % 2, ds.render(1, i % 2, i / 2)));
        }
        return new EvalImages() {
            @Override
            public int size() {
                return items.size();
            }

            @Override
            public Item get(int index) {
                return items.get(index);
            }
        };
    }

    static MaskEvalSettings settings(DropMode mode) {
        return new MaskEvalSettings(new double[] {0.1, 0.25}, mode, 2, 11, 200, 0, 5, 2, // batches of 5 and 1
                new MaskEvalSettings.Spurious(true, 1.01, 0.01, 0.4, 3, 200, 0.5));
    }

    @Test
    void predictionsFollowTheThetaRankingAndRepeat() {
        TinyPatchClassifier clf = new TinyPatchClassifier(manager, List.of("c0", "c1"));
        AnalysisSettings a = AnalysisSettings.defaults();
        MaskEvalRun run = new MaskEvalRunner(clf, settings(DropMode.TOKENS), a, MEAN, STD)
                .run(images(), manager, s -> { });
        assertEquals(6, run.images());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, run.labels());
        assertArrayEquals(new int[] {2, 4}, run.nDrop()); // round(1.6), round(4.0)
        // independent recomputation: θ̄ of the same crops, Top / Bottom sets, classifier calls
        EvalImages imgs = images();
        List<DecodedImage> dec = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            dec.add(imgs.get(i).image());
            names.add("img" + i);
        }
        ProbeSet probes = ProbeSet.fromImages(dec, names, 32, 8, MEAN, STD, a.sift());
        float[][] theta = new InterrelationAnalyzer(a).analyze(clf.backbone(), probes, manager).thetaBar();
        float[] px = new float[6 * 3 * 32 * 32];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(probes.images().get(i).chw(), 0, px, i * 3 * 32 * 32, 3 * 32 * 32);
        }
        NDArray x = manager.create(px, new Shape(6, 3, 32, 32));
        PatchDropper d = new PatchDropper(clf, DropMode.TOKENS);
        List<int[]> top = new ArrayList<>();
        List<int[]> bottom = new ArrayList<>();
        List<int[]> rnd = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            top.add(ThetaOrder.of(theta[i], 11, i).top(4));
            bottom.add(ThetaOrder.of(theta[i], 11, i).bottom(4));
            rnd.add(RandomDrops.draw(16, 4, 11, i, 1));
        }
        assertArrayEquals(d.predict(x, List.of(new int[0], new int[0], new int[0], new int[0], new int[0],
                new int[0])), run.baseline());
        assertArrayEquals(d.predict(x, top), run.top()[1]);
        assertArrayEquals(d.predict(x, bottom), run.bottom()[1]);
        assertArrayEquals(d.predict(x, rnd), run.random()[1][1]);
        // the same settings give the same run
        MaskEvalRun again = new MaskEvalRunner(clf, settings(DropMode.TOKENS), a, MEAN, STD)
                .run(images(), manager, s -> { });
        assertArrayEquals(run.top()[0], again.top()[0]);
        assertArrayEquals(run.random()[0][0], again.random()[0][0]);
        assertArrayEquals(run.spurious().control(), again.spurious().control());
        // spurious: threshold 1.01 flags every keypoint patch that has a defined θ̄, of the images the null
        // flags (Benjamini–Hochberg at 0.5 over the six p-values); the others keep no flag
        assertNotNull(run.spurious());
        boolean[] bh = SpuriousNull.benjaminiHochberg(
                run.spurious().tests().stream().mapToDouble(SpuriousNull.ImageTest::p).toArray(), 0.5);
        int keyPatches = 0;
        for (int i = 0; i < 6; i++) {
            SpuriousFinder.Finding f = run.spurious().findings().get(i);
            int[] t = probes.images().get(i).counts();
            int k = 0;
            for (int v : t) {
                k += v > 0 ? 1 : 0;
            }
            assertEquals(k, f.keypointPatches());
            assertEquals(bh[i] ? k : 0, f.flagged().size());
            assertEquals(run.spurious().tests().get(i).p(), again.spurious().tests().get(i).p(), 0.0);
            for (int j : f.drop()) {
                assertEquals(0, t[j], "drop sets hold non-keypoint patches only");
            }
            assertTrue(f.drop().length <= DropPlan.count(0.4, 16));
            keyPatches += k;
        }
        assertTrue(keyPatches > 0, "SIFT found keypoints on the synthetic images");
        assertEquals(2, run.gallery().size());
        assertTrue(run.spurious().shown().size() <= 3);
    }
}
