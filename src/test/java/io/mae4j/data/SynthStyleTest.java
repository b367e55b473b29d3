package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data.synth.style}: the original look is unchanged, the other styles are what they say. */
class SynthStyleTest {

    @TempDir
    Path dir;

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void shapesIsTheOriginalGeneratorByteForByte() throws Exception {
        // hashes of the RGB bytes written by the generator before data.synth.style existed (commit f3aa7bc)
        SyntheticDataset d = new SyntheticDataset(new SynthSpec(10, 4, 2, 64, false, 0));
        assertEquals("shapes", d.spec().style());
        assertEquals("8345a0a3ae47d1ebad8a443d3d9a3c49cd3c572053bdff41df246e0be13af248", sha(d.render(0, 3, 1).rgb()));
        assertEquals("b8c06e9045d9e3186ac369e56d0e4e4a6c96c960725530ebf44592a6764c4f89", sha(d.render(1, 9, 0).rgb()));
    }

    /** Mean share of the image the object covers, and mean distance of its centroid from the centre / side. */
    private static double[] geometry(SynthStyle style) {
        SyntheticDataset d = new SyntheticDataset(new SynthSpec(10, 8, 1, 64, false, 2, style.key()));
        double area = 0;
        double off = 0;
        int n = 0;
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 8; i++) {
                boolean[] m = new boolean[64 * 64];
                d.render(0, c, i, m);
                double sx = 0;
                double sy = 0;
                int k = 0;
                for (int p = 0; p < m.length; p++) {
                    if (m[p]) {
                        sx += p % 64 + 0.5;
                        sy += p / 64 + 0.5;
                        k++;
                    }
                }
                area += k / (64.0 * 64);
                off += Math.hypot(sx / k - 32, sy / k - 32) / 64;
                n++;
            }
        }
        return new double[] {area / n, off / n};
    }

    @Test
    void boldShapesAreLargerAndCentred() {
        double[] shapes = geometry(SynthStyle.SHAPES);
        double[] bold = geometry(SynthStyle.BOLD);
        assertTrue(bold[0] > 1.8 * shapes[0], "object area share bold " + bold[0] + " vs shapes " + shapes[0]);
        assertTrue(bold[1] < 0.06 && shapes[1] > 0.12, "centroid offset bold " + bold[1] + " vs shapes " + shapes[1]);
    }

    /** The distinct RGB colours on the object, and whether any pixel of the image is not gray. */
    private static Set<Integer> objectColours(SynthStyle style, int c, boolean[] anyColour) {
        SyntheticDataset d = new SyntheticDataset(new SynthSpec(10, 2, 1, 64, false, 4, style.key()));
        boolean[] m = new boolean[64 * 64];
        DecodedImage img = d.render(0, c, 1, m);
        Set<Integer> colours = new HashSet<>();
        for (int p = 0; p < m.length; p++) {
            int r = img.get(p % 64, p / 64, 0);
            int g = img.get(p % 64, p / 64, 1);
            int b = img.get(p % 64, p / 64, 2);
            anyColour[0] |= r != g || g != b;
            if (m[p]) {
                colours.add((r << 16) | (g << 8) | b);
            }
        }
        return colours;
    }

    @Test
    void plainStylesAreSolidAndSilhouetteIsGray() {
        for (int c = 0; c < 10; c++) {
            boolean[] colour = new boolean[1];
            assertTrue(objectColours(SynthStyle.BOLD, c, colour).size() >= 2, "bold is textured");
            assertEquals(1, objectColours(SynthStyle.BOLD_PLAIN, c, colour).size(), "bold_plain is solid");
            assertTrue(colour[0], "bold / bold_plain are coloured");
            boolean[] gray = new boolean[1];
            Set<Integer> sil = objectColours(SynthStyle.SILHOUETTE, c, gray);
            assertEquals(1, sil.size(), "silhouette is solid");
            int v = sil.iterator().next() & 0xff;
            assertTrue(!gray[0] && v >= 216, "silhouette: light gray shape (" + v + ") on gray");
        }
    }

    @Test
    void styleIsPartOfTheSpecFileAndOldFilesReadAsShapes() throws Exception {
        Path root = dir.resolve("s");
        SynthSpec bold = new SynthSpec(2, 2, 1, 32, false, 0, "bold");
        assertTrue(SyntheticDataset.ensure(root, bold));
        assertEquals(bold, SyntheticDataset.readSpec(root.resolve(SyntheticDataset.SPEC_FILE)));
        DatasetException e = assertThrows(DatasetException.class,
                () -> SyntheticDataset.ensure(root, new SynthSpec(2, 2, 1, 32, false, 0)));
        assertTrue(e.getMessage().contains("style=bold") && e.getMessage().contains("style=shapes")
                && e.getMessage().contains("Delete " + root.toAbsolutePath()), e.getMessage());
        // a synth.json written before the key existed
        Path old = Files.writeString(dir.resolve("synth.json"), "{\"classes\": 2, \"trainPerClass\": 2, \"valPerClass\": 1,"
                + " \"imageSize\": 32, \"spuriousBackground\": false, \"seed\": 0}", StandardCharsets.UTF_8);
        assertEquals(new SynthSpec(2, 2, 1, 32, false, 0), SyntheticDataset.readSpec(old));
    }

    @Test
    void unknownStyleNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SynthSpec(2, 2, 1, 32, false, 0, "bolder"));
        assertTrue(e.getMessage().contains("data.synth.style = 'bolder'") && e.getMessage().contains("silhouette"),
                e.getMessage());
        assertEquals(SynthStyle.BOLD_PLAIN, SynthStyle.of("bold_plain"));
    }

    @Test
    void spuriousBackgroundNeedsAColouredStyle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SynthSpec(2, 2, 1, 32, true, 0, "silhouette"));
        assertTrue(e.getMessage().contains("spurious_background") && e.getMessage().contains("bold_plain"),
                e.getMessage());
        assertEquals("bold_plain", new SynthSpec(2, 2, 1, 32, true, 0, "bold_plain").style());
    }
}
