package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.NdTestBase;
import io.mae4j.data.CropGeometry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins theta_top / theta_bottom and the registration of the score-guided strategies. */
class ThetaRankStrategyTest extends NdTestBase {

    static final Path IMAGE = Path.of("img.png");

    static ScoreSource source(float... theta) {
        ImageScores s = new ImageScores((int) Math.sqrt(theta.length), theta, new float[0], new float[0], new float[0]);
        return p -> p.equals(IMAGE) ? s : null;
    }

    static MaskContext context(long seed) {
        return new MaskContext(1, 2, 2, 0, 0, seed, List.of(CropGeometry.whole(32, 32, 32, 32)), List.of(IMAGE));
    }

    @Test
    void topMasksHighestAndBottomLowestTheta() {
        ScoreSource s = source(0.3f, 0.9f, 0.1f, 0.5f);
        // r = 0.5 → M = 2: top = patches 1 (0.9) and 3 (0.5); bottom = 2 (0.1) and 0 (0.3)
        assertArrayEquals(new float[] {0, 1, 0, 1}, ThetaRankStrategy.top(0.5, s).sample(context(1), manager).mask().toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1, 0},
                ThetaRankStrategy.bottom(0.5, s).sample(context(1), manager).mask().toFloatArray());
        // r = 0.75 → lenKeep = 1: top keeps only the lowest, bottom only the highest
        assertArrayEquals(new float[] {1, 1, 0, 1}, ThetaRankStrategy.top(0.75, s).sample(context(1), manager).mask().toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1, 1},
                ThetaRankStrategy.bottom(0.75, s).sample(context(1), manager).mask().toFloatArray());
    }

    @Test
    void flippedCropMirrorsTheSelection() {
        ScoreSource s = source(0.3f, 0.9f, 0.1f, 0.5f);
        MaskContext flipped = new MaskContext(1, 2, 2, 0, 0, 1, List.of(new CropGeometry(32, 32, 0, 0, 32, 32, 32, 32, true)),
                List.of(IMAGE));
        // mirrored θ on the model's grid: [0.9, 0.3, 0.5, 0.1] → top = patches 0 and 2
        assertArrayEquals(new float[] {1, 0, 1, 0}, ThetaRankStrategy.top(0.5, s).sample(flipped, manager).mask().toFloatArray());
    }

    @Test
    void tiesAreRandomButSeededAndNanIsMaskedLast() {
        ScoreSource flat = source(0.5f, 0.5f, 0.5f, 0.5f);
        ThetaRankStrategy top = ThetaRankStrategy.top(0.5, flat);
        boolean differs = false;
        for (long seed = 0; seed < 20; seed++) {
            float[] m = top.sample(context(seed), manager).mask().toFloatArray();
            assertArrayEquals(m, top.sample(context(seed), manager).mask().toFloatArray());
            differs |= !java.util.Arrays.equals(m, top.sample(context(seed + 100), manager).mask().toFloatArray());
        }
        assertTrue(differs, "equal θ must not always give the same patches");
        ScoreSource withNan = source(Float.NaN, 0.2f, 0.1f, 0.7f);
        assertArrayEquals(new float[] {0, 1, 0, 1},
                ThetaRankStrategy.top(0.5, withNan).sample(context(0), manager).mask().toFloatArray());
        assertArrayEquals(new float[] {0, 1, 1, 0},
                ThetaRankStrategy.bottom(0.5, withNan).sample(context(0), manager).mask().toFloatArray());
    }

    @Test
    void rankingKeyOrdersFloatsDescendingWithNanLast() {
        float[] ordered = {Float.POSITIVE_INFINITY, 3.5f, 1e-30f, 0f, -1e-30f, -2f, Float.NEGATIVE_INFINITY, Float.NaN};
        for (int i = 0; i + 1 < ordered.length; i++) {
            assertTrue(PatchRanking.descendingKey(ordered[i]) < PatchRanking.descendingKey(ordered[i + 1]),
                    ordered[i] + " must rank before " + ordered[i + 1]);
        }
        assertEquals(PatchRanking.descendingKey(0f), PatchRanking.descendingKey(-0f)); // −0 ties with +0
        int[] order = PatchRanking.descending(new int[] {4, 1, 2}, new float[] {0, -1, Float.NaN, 0, 7},
                new java.util.SplittableRandom(1), 0);
        assertArrayEquals(new int[] {4, 1, 2}, order); // 7, −1, NaN
    }

    @Test
    void registryBuildsScoreStrategiesOnlyWithScores() {
        assertTrue(MaskStrategies.available().containsAll(List.of("guided_curriculum", "theta_top", "theta_bottom")));
        assertTrue(MaskStrategies.needsScores("guided_curriculum") && MaskStrategies.needsScores("theta_bottom"));
        assertTrue(!MaskStrategies.needsScores("random") && !MaskStrategies.needsScores("block"));
        Config section = ConfigFactory.parseString("name = guided_curriculum, mask_ratio = 0.5, "
                + "guided { beta_schedule = linear, beta_start = 0.2, beta_end = 0.6, beta_epochs = 4, tau = 0.5 }")
                .withFallback(defaultMask());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskStrategies.create(section));
        assertTrue(e.getMessage().contains("mask.guided.cache"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskStrategies.create("theta_top", section));
        GuidedCurriculumStrategy g = (GuidedCurriculumStrategy) MaskStrategies.create(section, source(1, 2, 3, 4));
        assertEquals(0.5, g.maskRatio());
        assertEquals(0.5, g.tau());
        assertEquals(0.4, g.schedule().at(2), 1e-12);
        assertEquals("theta_top", MaskStrategies.create("theta_top", section, source(1, 2, 3, 4)).name());
        assertEquals("theta_bottom", MaskStrategies.create("theta_bottom", section, source(1, 2, 3, 4)).name());
        // strategies without scores ignore the source
        assertEquals("random", MaskStrategies.create(ConfigFactory.parseString("name = random, mask_ratio = 0.6"), null).name());
        assertThrows(IllegalArgumentException.class, () -> MaskStrategies.create(
                ConfigFactory.parseString("name = guided_curriculum, mask_ratio = 0.5, guided.tau = -1")
                        .withFallback(defaultMask()), source(1, 2, 3, 4)));
    }

    private static Config defaultMask() {
        return ConfigFactory.parseFile(Path.of("configs/defaults.conf").toFile()).resolve().getConfig("mask");
    }

    @Test
    void shippedConfigsBuildTheirStrategy() {
        Config defaults = ConfigFactory.parseFile(Path.of("configs/defaults.conf").toFile());
        for (String option : List.of("guided_curriculum", "theta_top", "theta_bottom")) {
            Config mask = ConfigFactory.parseFile(Path.of("configs/mask/" + option + ".conf").toFile())
                    .withFallback(defaults).resolve().getConfig("mask");
            MaskStrategy s = MaskStrategies.create(mask, source(1, 2, 3, 4));
            assertEquals(option, s.name());
            assertEquals(2, s.sample(context(3), manager).lenKeep(), option); // mask_ratio 0.5 of 4 patches
        }
        GuidedCurriculumStrategy g = (GuidedCurriculumStrategy) MaskStrategies.create(
                ConfigFactory.parseFile(Path.of("configs/mask/guided_curriculum.conf").toFile()).withFallback(defaults)
                        .resolve().getConfig("mask"), source(1, 2, 3, 4));
        assertEquals(0.3, g.schedule().at(25), 0.0); // the paper's step schedule from defaults.conf
        assertEquals(0.0, g.tau());
    }
}
