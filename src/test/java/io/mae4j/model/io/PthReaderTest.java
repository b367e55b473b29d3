package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the torch 1.13 fixtures of src/test/python/make_pth_fixtures.py; expected values are
 * recomputed here from the same arange formulas.
 */
class PthReaderTest {

    @Test
    void readsViewsTransposeAndDtypesExactlyInOrder() throws Exception {
        StateDict sd = PthReader.read(Fixtures.path("state_dict_mixed.pth"));
        assertEquals(List.of("a", "t", "q", "k", "v", "cols", "scalar", "h", "bf", "d", "n", "p", "a_flat"),
                List.copyOf(sd.names()));

        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, sd.require("a").data());
        assertArrayEquals(new long[] {2, 3}, sd.require("a").shape());

        // t = arange(12).reshape(3, 4).t(): t[i][j] = 4j + i, stored with stride (1, 4)
        TensorData t = sd.require("t");
        assertArrayEquals(new long[] {4, 3}, t.shape());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, t.data());

        // q, k, v: rows 0-1, 2-3, 4-5 of one (6, 4) storage; cols = qkv[:, 1:3]
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, sd.require("q").data());
        assertArrayEquals(new float[] {8, 9, 10, 11, 12, 13, 14, 15}, sd.require("k").data());
        assertArrayEquals(new float[] {16, 17, 18, 19, 20, 21, 22, 23}, sd.require("v").data());
        assertArrayEquals(new long[] {6, 2}, sd.require("cols").shape());
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, sd.require("cols").data());
        assertNotSame(sd.require("q").data(), sd.require("k").data());

        assertArrayEquals(new long[] {}, sd.require("scalar").shape());
        assertArrayEquals(new float[] {3.25f}, sd.require("scalar").data());

        assertEquals(WeightDtype.FLOAT16, sd.require("h").sourceDtype());
        assertArrayEquals(new float[] {0.5f, -2f, 65504f, 0x1p-14f, 0x1p-24f, Float.POSITIVE_INFINITY}, sd.require("h").data());
        assertEquals(WeightDtype.BFLOAT16, sd.require("bf").sourceDtype());
        assertArrayEquals(new float[] {1f, -3.5f, 0x1p100f}, sd.require("bf").data());
        assertEquals(WeightDtype.FLOAT64, sd.require("d").sourceDtype());
        assertArrayEquals(new float[] {0f, (float) (1 / 3.0), (float) (2 / 3.0), 1f}, sd.require("d").data());
        assertEquals(WeightDtype.INT64, sd.require("n").sourceDtype());
        assertArrayEquals(new float[] {7f}, sd.require("n").data());
        assertArrayEquals(new float[] {10f, 11f, 12f}, sd.require("p").data()); // an nn.Parameter
        assertEquals(WeightDtype.FLOAT32, sd.require("p").sourceDtype());
        // a_flat = a.view(6): a second whole view of a's storage gets its own copy
        assertArrayEquals(new long[] {6}, sd.require("a_flat").shape());
        assertArrayEquals(sd.require("a").data(), sd.require("a_flat").data());
        assertNotSame(sd.require("a").data(), sd.require("a_flat").data());
    }

    @Test
    void unwrapsTrainingCheckpointWithArgsNamespace() throws Exception {
        StateDict sd = PthReader.read(Fixtures.path("wrapped_checkpoint.pth"));
        List<String> names = List.copyOf(sd.names());
        assertEquals(12, names.size());
        assertEquals("module.cls_token", names.get(0));
        assertEquals("module.decoder_embed.bias", names.get(11));
        // parameter i of TinyMae = arange(numel) * 0.01 + i, bit-exact in float32 as torch computed it
        for (int i = 0; i < names.size(); i++) {
            float[] v = sd.require(names.get(i)).data();
            for (int k = 0; k < v.length; k++) {
                assertEquals(k * 0.01f + i, v[k], 0f, names.get(i) + "[" + k + "]");
            }
        }
        assertArrayEquals(new long[] {4, 1, 2, 2}, sd.require("module.patch_embed.proj.weight").shape());
        assertEquals(3, sd.extras().get("epoch"));
        Map<?, ?> args = (Map<?, ?>) sd.extras().get("args");
        assertEquals("mae_vit_tiny", args.get("model"));
        assertEquals(Boolean.TRUE, args.get("norm_pix_loss"));
        assertTrue(sd.notes().get(0).contains("unwrapped 'model'"), sd.notes().toString());
        assertTrue(sd.notes().get(0).contains("optimizer"), sd.notes().toString());
    }

    @Test
    void refusesMaliciousGlobalNamingItAndTheFile() {
        UnsafePickleException e = assertThrows(UnsafePickleException.class,
                () -> PthReader.read(Fixtures.path("malicious.pth")));
        assertEquals("posix.system", e.global());
        assertTrue(e.getMessage().startsWith("refusing to unpickle 'posix.system' in malicious.pth:"
                + " only tensors and dicts are allowed"), e.getMessage());
    }

    @Test
    void legacyFormatSaysToResaveWithNewTorch() {
        WeightFileException e = assertThrows(WeightFileException.class,
                () -> PthReader.read(Fixtures.path("legacy.pth")));
        assertTrue(e.getMessage().contains("legacy.pth") && e.getMessage().contains("legacy (pre-1.6")
                && e.getMessage().contains("re-save it with torch >= 1.6"), e.getMessage());
    }

    @Test
    void nonCheckpointFileIsRejectedClearly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.pth");
        Files.writeString(f, "hello, not a checkpoint");
        WeightFileException e = assertThrows(WeightFileException.class, () -> PthReader.read(f));
        assertTrue(e.getMessage().contains("notes.pth is not a PyTorch checkpoint"), e.getMessage());
    }
}
