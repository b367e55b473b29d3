package io.mae4j.sift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Our SIFT (OpenCV 4.9 from org.openpnp) against an independent OpenCV build: Debian's
 * python3-opencv 4.6, run by src/test/python/make_sift_fixture.py on the same photo with the same
 * parameters (fixture src/test/resources/sift/chelsea_opencv46.json). The two versions share the
 * SIFT code path; small differences (float rounding in the pyramid) may move or drop a few
 * keypoints, so the test requires a high two-way match rate rather than identity, and prints it.
 */
class SiftReferenceTest {

    static final Path PHOTO = Path.of("src/test/resources/photos/chelsea.png");
    static final Path FIXTURE = Path.of("src/test/resources/sift/chelsea_opencv46.json");

    /**
     * Reference keypoint matched when within 0.5 px, size and response within 2 %, angle within 2°,
     * same decoded octave and layer.
     */
    static boolean same(Keypoint a, Keypoint b) {
        double da = Math.abs(a.angle() - b.angle()) % 360;
        return Math.hypot(a.x() - b.x(), a.y() - b.y()) <= 0.5 && Math.abs(a.size() - b.size()) <= 0.02 * b.size()
                && Math.abs(a.response() - b.response()) <= 0.02 * Math.abs(b.response())
                && Math.min(da, 360 - da) <= 2 && a.octave() == b.octave() && a.layer() == b.layer();
    }

    @Test
    void matchesOpenCv46OnARealPhoto() throws Exception {
        DecodedImage photo = ImageDecoder.decode(PHOTO);
        JsonObject doc = JsonParser.parseString(Files.readString(FIXTURE, StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(photo.width(), doc.get("width").getAsInt());
        assertEquals(photo.height(), doc.get("height").getAsInt());
        JsonObject runs = doc.getAsJsonObject("runs");
        for (String name : runs.keySet()) {
            JsonObject run = runs.getAsJsonObject(name);
            JsonObject p = run.getAsJsonObject("params");
            SiftSettings s = new SiftSettings(p.get("nfeatures").getAsInt(), p.get("n_octave_layers").getAsInt(),
                    p.get("contrast_threshold").getAsDouble(), p.get("edge_threshold").getAsDouble(),
                    p.get("sigma").getAsDouble());
            List<Keypoint> ref = new ArrayList<>();
            for (var e : run.getAsJsonArray("keypoints")) {
                JsonArray k = e.getAsJsonArray();
                ref.add(Keypoint.fromPacked(k.get(0).getAsDouble(), k.get(1).getAsDouble(), k.get(2).getAsDouble(),
                        k.get(3).getAsDouble(), k.get(4).getAsDouble(), k.get(5).getAsInt()));
            }
            List<Keypoint> ours = new SiftDetector(s).detect(photo);
            double refFound = matchRate(ref, ours);
            double oursFound = matchRate(ours, ref);
            System.out.printf(Locale.ROOT, "SIFT %s: OpenCV 4.6 %d keypoints, 4.9 %d; matched %.1f%% of 4.6's,"
                    + " %.1f%% of 4.9's%n", name, ref.size(), ours.size(), 100 * refFound, 100 * oursFound);
            assertTrue(Math.abs(ours.size() - ref.size()) <= Math.max(3, ref.size() / 50), name + ": counts "
                    + ours.size() + " vs " + ref.size());
            assertTrue(refFound >= 0.95 && oursFound >= 0.95, name + ": match rates " + refFound + ", " + oursFound);
        }
    }

    private static double matchRate(List<Keypoint> from, List<Keypoint> in) {
        int hit = 0;
        for (Keypoint a : from) {
            for (Keypoint b : in) {
                if (same(a, b)) {
                    hit++;
                    break;
                }
            }
        }
        return from.isEmpty() ? 1.0 : (double) hit / from.size();
    }
}
