package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.NdTestBase;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.report.MaskEvalPictures;
import io.mae4j.report.MaskEvalPlots;
import io.mae4j.tensorboard.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files of a real (tiny) run: written, parseable, consistent with the statistics. */
class MaskEvalReportTest extends NdTestBase {

    @TempDir
    Path tmp;

    @Test
    void filesAreWrittenAndParse() throws Exception {
        TinyPatchClassifier clf = new TinyPatchClassifier(manager, List.of("c0", "c1"));
        MaskEvalRun run = new MaskEvalRunner(clf, MaskEvalRunnerTest.settings(DropMode.MEAN),
                AnalysisSettings.defaults(), MaskEvalRunnerTest.MEAN, MaskEvalRunnerTest.STD)
                .run(MaskEvalRunnerTest.images(), manager, s -> { });
        MaskEvalStats stats = MaskEvalStats.of(run, 200, 11);
        String md = MaskEvalReport.write(run, stats, Map.of("checkpoint", "tiny"), tmp);
        assertTrue(md.contains("| r | n_drop | Top | Bottom |"), md);
        assertEquals(md, Files.readString(tmp.resolve("report.md")));
        long atFdr = run.spurious().findings().stream().filter(f -> !f.flagged().isEmpty()).count();
        assertTrue(md.contains("**" + atFdr + " of 6 images flagged at false-discovery rate 0.50**"), md);
        assertTrue(md.contains("would flag " + run.spurious().withoutNull() + "."), md);

        JsonObject report = JsonParser.parseString(Files.readString(tmp.resolve("report.json"))).getAsJsonObject();
        assertEquals("mean", report.get("drop").getAsString());
        assertEquals(6, report.get("images").getAsInt());
        JsonArray results = report.getAsJsonArray("results");
        assertEquals(1 + 3 * 2, results.size());
        JsonObject first = results.get(0).getAsJsonObject();
        assertEquals("baseline", first.get("mode").getAsString());
        assertEquals(stats.rows().get(0).accuracy(), first.get("accuracy").getAsDouble(), 1e-12);
        assertTrue(report.getAsJsonObject("spurious").has("random_nonkeypoint_drop"));

        List<String> csv = Files.readAllLines(tmp.resolve("results.csv"));
        assertEquals(MaskEvalReport.CSV_HEADER, csv.get(0));
        assertEquals(1 + 7, csv.size());
        String[] top = csv.stream().filter(l -> l.startsWith("top,0.25,")).findFirst().orElseThrow().split(",", -1);
        assertEquals(15, top.length);
        assertEquals("4", top[2]);
        assertEquals(stats.mode("top").get(1).accuracy(), Double.parseDouble(top[3]), 1e-6);
        assertEquals(7, Files.readAllLines(tmp.resolve("predictions.csv")).size());

        JsonObject sp = JsonParser.parseString(Files.readString(tmp.resolve("spurious.json"))).getAsJsonObject();
        assertEquals(6, sp.getAsJsonArray("images").size());
        assertEquals(4, sp.get("grid_side").getAsInt());
        List<String> spCsv = Files.readAllLines(tmp.resolve("spurious.csv"));
        int flagged = run.spurious().findings().stream().mapToInt(f -> f.flagged().size()).sum();
        assertEquals(1 + flagged, spCsv.size());

        BufferedImage plot = ImageIO.read(new ByteArrayInputStream(MaskEvalPlots.png(MaskEvalPlots.accuracy(stats, "t"))));
        assertNotNull(plot);
        RgbImage gallery = MaskEvalPictures.gallery(run, 8, 11);
        // 2 images × 3 modes rows of 96 px (32 px × 3) + 2 px gaps; columns: input + 2 ratios; plus the label
        // margins (row labels on the left, column labels on top)
        int left = gallery.width() - (3 * 96 + 2 * 2);
        int head = gallery.height() - (6 * 96 + 5 * 2);
        assertTrue(left > 40 && head > 10, left + ", " + head);
        // the two images are of different classes (round robin over the classes)
        assertTrue(run.labels()[run.gallery().get(0).index()] != run.labels()[run.gallery().get(1).index()]);
        // Top at r = 0.25 of image 0 (row 0, column 2): its 4 dropped patches are solid grey
        ThetaOrder o = ThetaOrder.of(run.gallery().get(0).theta(), 11, run.gallery().get(0).index());
        int x0 = left + 2 * (96 + 2);
        for (int j : o.top(4)) {
            int cx = x0 + (j % 4) * 24 + 12;
            int cy = head + (j / 4) * 24 + 12;
            assertEquals(128, gallery.get(cx, cy, 0));
            assertEquals(128, gallery.get(cx, cy, 2));
        }
        if (!run.spurious().shown().isEmpty()) {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(MaskEvalPictures.spurious(run, 8).toPng())));
        }
    }
}
