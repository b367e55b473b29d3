package io.mae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mae4j.cli.Main;
import io.mae4j.run.ModelSource;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.DataSettings;
import io.mae4j.data.PretrainData;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.MaskResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.mae4j.train.Pretrainer;
import io.mae4j.train.TinyRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The common-mask val loss: a pure function of (checkpoint, masks), the masks the same for every run. */
class CommonMaskLossTest {

    @TempDir
    Path tmp;

    @Test
    void sameCheckpointSameMasksSameNumberAndStrategiesShareTheMasks() throws Exception {
        Pretrainer.Result random = TinyRuns.run(tmp, "train.epochs=1", "analysis.every=0");
        Pretrainer.Result block = TinyRuns.run(tmp, "train.epochs=1", "analysis.every=0", "mask=block");

        ModelSource a = ModelSource.resolve(random.runDir(), List.of());
        double first = CommonMaskLoss.score(a, 0.5, 7);
        assertTrue(Double.isFinite(first) && first > 0, "loss " + first);
        assertEquals(first, CommonMaskLoss.score(a, 0.5, 7), 0.0);
        // another batch size draws the same masks for the same images: the same number (float sums aside)
        assertEquals(first, CommonMaskLoss.score(ModelSource.resolve(random.runDir(), List.of("eval.batch_size=3")),
                0.5, 7), 1e-6);
        assertNotEquals(first, CommonMaskLoss.score(a, 0.5, 8), "another seed draws other masks");
        double other = CommonMaskLoss.score(ModelSource.resolve(block.runDir(), List.of()), 0.5, 7);
        assertNotEquals(first, other, "two models, one set of masks, two losses");

        // the masks each run is scored on, image by image: identical across the two strategies' runs
        assertEquals(masksByImage(a, 16), masksByImage(ModelSource.resolve(block.runDir(), List.of()), 3));
    }

    private static TreeMap<Integer, List<Float>> masksByImage(ModelSource s, int batch) {
        TreeMap<Integer, List<Float>> out = new TreeMap<>();
        try (NDManager m = NDManager.newBaseManager();
                PretrainData data = PretrainData.open(DataSettings.from(s.config().getConfig("data")),
                        EvalSettings.from(s.config().getConfig("eval")).knnSplits(), s.modelConfig().imgSize(), 0);
                BatchLoader loader = data.evalBatches(data.knnQuery(), batch)) {
            int n = s.modelConfig().numPatches();
            while (loader.hasNext()) {
                HostBatch b = loader.next();
                MaskResult r = CommonMaskLoss.masks(b.indices(), n, 0.5, 7, m);
                float[] mask = r.mask().toFloatArray(); // (B·N), 1 = removed
                for (int i = 0; i < b.size(); i++) {
                    List<Float> row = new java.util.ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        row.add(mask[i * n + j]);
                    }
                    out.put(b.indices()[i], row);
                }
            }
        }
        assertEquals(8, out.size()); // 4 classes × 2 val images
        return out;
    }

    @Test
    void noiseIsAFunctionOfTheImageIndexOnly() {
        double[] together = CommonMaskLoss.noise(new int[] {3, 5}, 4, 11);
        double[] alone = CommonMaskLoss.noise(new int[] {5}, 4, 11);
        assertArrayEquals(alone, java.util.Arrays.copyOfRange(together, 4, 8), 0.0);
    }

    @Test
    @Tag("slow") // two more tiny training runs and two compares
    void compareReportsCommonMaskLossBaselinesAndReusesTheBaselineCache() throws Exception {
        Pretrainer.Result a = TinyRuns.run(tmp, "train.epochs=1", "analysis.every=0");
        Pretrainer.Result b = TinyRuns.run(tmp, "train.epochs=1", "analysis.every=0", "mask=block");
        // a best.ckpt (here a copy of last.ckpt) is scored too, on the same masks: the same number
        Files.copy(a.runDir().resolve("checkpoints/last.ckpt"), a.runDir().resolve("checkpoints/best.ckpt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the run keeps its own best.ckpt: replace it
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.execute("compare", "runs=" + a.runDir() + "," + b.runDir(), "out=" + tmp.resolve("c1")));
            assertEquals(0, Main.execute("compare", "runs=" + a.runDir() + "," + b.runDir(), "out=" + tmp.resolve("c2")));
        } finally {
            System.setOut(saved);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        String md = Files.readString(tmp.resolve("c1/report.md"));
        assertTrue(md.contains("| common-mask val loss |") && md.contains("| baseline: raw pixels | – |")
                && md.contains("| baseline: random init | – |"), md);
        double la = CommonMaskLoss.score(ModelSource.resolve(a.runDir(), List.of()), 0.5, CommonMaskLoss.DEFAULT_SEED);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "common-mask val loss %.4f (best.ckpt %.4f)", la, la)),
                md);
        // the second compare reads both baselines from runs/baselines/
        assertEquals(2, printed.split("\\(cached ", -1).length - 1, printed);
        assertEquals(2, Files.list(tmp.resolve("runs/baselines")).count());
        assertEquals(Files.readString(tmp.resolve("c1/report.md")).lines().filter(l -> l.startsWith("| baseline")).toList(),
                Files.readString(tmp.resolve("c2/report.md")).lines().filter(l -> l.startsWith("| baseline")).toList());
    }
}
