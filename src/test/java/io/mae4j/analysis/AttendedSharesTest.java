package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.NdTestBase;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.sift.SiftSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attended-set shares: the per-layer, per-head S_i of {@link AttentionMeasures} averaged over the θ̄ layers. */
class AttendedSharesTest extends NdTestBase {

    @Test
    void sharesAreTheMeanMembershipOverHeadsAndTheThetaLayers() {
        MaeModel model = new MaeModel(new MaeConfig(32, 8, 3, 16, 3, 2, 2.0, 8, 1, 2, false));
        model.initialize(manager);
        SyntheticDataset ds = new SyntheticDataset(new SynthSpec(2, 1, 2, 32, false, 0));
        List<DecodedImage> imgs = List.of(ds.render(1, 0, 0), ds.render(1, 1, 0), ds.render(1, 0, 1));
        ProbeSet probes = ProbeSet.fromImages(imgs, List.of("a", "b", "c"), 32, 8, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f}, SiftSettings.OPENCV_DEFAULTS);
        AnalysisSettings all = AnalysisSettings.defaults();
        AnalysisSettings layer2 = new AnalysisSettings(1.0, false, ClsHandling.RENORMALISE, true, new int[] {2}, 3, 2,
                SiftSettings.OPENCV_DEFAULTS, 32, 1, 2);
        float[][][] sAll = AttendedShares.compute(model, probes, all, manager);
        float[][][] s2 = AttendedShares.compute(model, probes, layer2, manager);
        float[] px = new float[3 * 3 * 32 * 32];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(probes.images().get(i).chw(), 0, px, i * 3 * 32 * 32, 3 * 32 * 32);
        }
        NDList attn = model.encode(new ParameterStore(manager, false), manager.create(px, new Shape(3, 3, 32, 32)), true)
                .attention();
        NDArray sum = null;
        for (NDArray a : attn) {
            NDArray heads = AttentionMeasures.attendedSets(a, all).sum(new int[] {1}); // (B, N, N)
            sum = sum == null ? heads : sum.add(heads);
        }
        float[] refAll = sum.div(6f).toFloatArray(); // 3 layers × 2 heads
        float[] ref2 = AttentionMeasures.attendedSets(attn.get(1), layer2).mean(new int[] {1}).toFloatArray();
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < 16; i++) {
                assertEquals(0f, s2[b][i][i], "include_self = false: i ∉ S_i");
                for (int j = 0; j < 16; j++) {
                    int k = (b * 16 + i) * 16 + j;
                    assertEquals(refAll[k], sAll[b][i][j], 1e-6);
                    assertEquals(ref2[k], s2[b][i][j], 1e-6);
                    float sixths = sAll[b][i][j] * 6;
                    assertEquals(Math.round(sixths), sixths, 1e-4, "a count of (layer, head) pairs / 6");
                }
            }
        }
        // every row has a non-empty attended set in every pair (the row maximum is above the mean)
        for (int i = 0; i < 16; i++) {
            float rowMax = 0;
            for (int j = 0; j < 16; j++) {
                rowMax = Math.max(rowMax, sAll[0][i][j]);
            }
            assertTrue(rowMax > 0);
        }
    }
}
