package io.mae4j.report;

import static io.mae4j.report.RunScoresTest.E;
import static io.mae4j.report.RunScoresTest.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping, statistics across seeds, group curves and the markdown table. */
class ComparisonTest {

    private static final double N = Double.NaN;

    private final Comparison.Run r0 = new Comparison.Run(Path.of("r0"), "random", "0", rows(0.2, 0.4));
    private final Comparison.Run g0 = new Comparison.Run(Path.of("g0"), "guided", "0", rows(0.3, 0.6));
    private final Comparison.Run r1 = new Comparison.Run(Path.of("r1"), "random", "1", rows(N, 0.6));

    @Test
    void groupsInOrderOfAppearanceWithMeanAndSdAcrossSeeds() {
        Comparison c = Comparison.of("mask.name", List.of(r0, g0, r1));
        List<Comparison.Group> gs = c.groups();
        assertEquals(List.of("random", "guided"), gs.stream().map(Comparison.Group::group).toList());
        Comparison.Group random = gs.get(0);
        assertEquals(2, random.runs());
        // best .4 and .6 -> mean .5, sd sqrt(((.1)^2 + (.1)^2) / 1) = .1414
        assertEquals(0.5, random.bestTop1().mean(), E);
        assertEquals(Math.sqrt(0.02), random.bestTop1().std(), E);
        // r0: s = .2 .3 -> best .3, epoch 2 ; r1: one evaluation at epoch 2
        assertEquals(2.0, random.convergenceEpoch().mean(), E);
        // AUC r0 = (.2 + .4) / 2 = .3 ; r1 = .6
        assertEquals(0.45, random.auc().mean(), E);
        assertEquals(0.5, random.finalLoss().mean(), E); // both end at epoch 2: loss 1/2
        // curve: epoch 1 only r0 (.2, sd 0), epoch 2 both (.4, .6)
        assertArrayEquals(new double[] {1, 2}, random.accuracy().x(), E);
        assertArrayEquals(new double[] {0.2, 0.5}, random.accuracy().mean(), E);
        assertArrayEquals(new double[] {0, Math.sqrt(0.02)}, random.accuracy().sd(), E);
        assertArrayEquals(new double[] {1.0, 0.5}, random.loss().mean(), E);
        assertEquals(0.45, c.scores(g0).auc(), E);
    }

    @Test
    void markdownHasOneRowPerGroupAndFlagsSingleSeeds() {
        String md = Comparison.of("mask.name", List.of(r0, g0, r1)).markdown();
        assertTrue(md.startsWith("| mask.name | runs | best k-NN top-1 | convergence epoch | AUC | common-mask val loss |\n"),
                md);
        assertTrue(md.contains("| random | 2 | 0.5000 ± 0.1414 | 2.0 ± 0.0 | 0.4500 ± 0.2121 | n/a |"), md);
        // one run: no spread, and its convergence epoch says it is a single seed
        assertTrue(md.contains("| guided | 1 | 0.6000 ± 0.0000 | 2.0 (single seed) |"), md);
        assertEquals(4, md.split("\n").length);
        assertTrue(!md.contains("final"), "the training loss is not in the main table: " + md);
    }

    @Test
    void commonMaskLossBaselinesAndDifferenceTests() {
        Comparison.Run g1 = new Comparison.Run(Path.of("g1"), "guided", "1", rows(0.3, 0.5));
        Comparison.Extras x = new Comparison.Extras(
                java.util.Map.of(Path.of("r0"), 0.50, Path.of("r1"), 0.54, Path.of("g0"), 0.60, Path.of("g1"), 0.62),
                java.util.Map.of(), "note", List.of(new Comparison.Reference("baseline: raw pixels", 0.776),
                        new Comparison.Reference("baseline: random init", 0.56)), "ref note");
        Comparison c = Comparison.of("mask.name", List.of(r0, g0, r1, g1), x);
        assertEquals(0.52, c.groups().get(0).commonMaskLoss().mean(), E);
        String md = c.markdown();
        assertTrue(md.contains("| 0.5200 ± 0.0283 |"), md);
        assertTrue(md.contains("| baseline: raw pixels | – | 0.7760 | – | – | – |"), md);
        assertTrue(md.contains("| baseline: random init | – | 0.5600 |"), md);
        List<GroupDifference> ds = c.differences();
        assertEquals(List.of("best k-NN top-1", "AUC", "common-mask val loss"),
                ds.stream().map(GroupDifference::metric).toList());
        // best k-NN: random {.4, .6}, guided {.6, .5}
        assertEquals(0.5, ds.get(0).meanA(), E);
        assertEquals(0.55, ds.get(0).meanB(), E);
        assertEquals(2, ds.get(0).na());
        assertTrue(c.differencesMarkdown().contains("no difference beyond noise"), c.differencesMarkdown());
        assertTrue(c.trainingLossMarkdown().contains("final training loss (own masks)"));
        // a group of one run gets no test
        assertTrue(Comparison.of("mask.name", List.of(r0, g0, r1)).differences().isEmpty());
    }

    @Test
    void nonConvergedRunsAreCountedInTheTable() {
        Comparison.Run bad = new Comparison.Run(Path.of("b"), "random", "2", rows(0.5, 0.9, 0.9, 0.9, 0.3));
        String md = Comparison.of("mask.name", List.of(r0, bad)).markdown();
        assertTrue(md.contains("| 2.0 ± 0.0 (1/2 converged) |"), md);
    }

    @Test
    void runsWithoutKnnAreAllNamed() {
        Comparison.Run a = new Comparison.Run(Path.of("runs/x/a"), "random", "0", rows(N, N));
        Comparison.Run b = new Comparison.Run(Path.of("runs/x/b"), "random", "1", List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.of("mask.name", List.of(r0, a, b)));
        assertTrue(e.getMessage().contains("runs/x/a") && e.getMessage().contains("runs/x/b"), e.getMessage());
        assertTrue(!e.getMessage().contains("r0,"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Comparison.of("mask.name", List.of()));
    }
}
