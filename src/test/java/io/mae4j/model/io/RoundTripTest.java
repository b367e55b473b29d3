package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** write → read through each format gives back the same names, order, shapes, dtypes and bits. */
class RoundTripTest {

    @TempDir
    Path dir;

    /** Random float32 values plus the awkward ones: -0.0, NaN with a payload, ±inf, subnormals. */
    static StateDict awkward() {
        Random rnd = new Random(7);
        float[] big = new float[3 * 5 * 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) rnd.nextGaussian();
        }
        StateDict sd = new StateDict("awkward");
        sd.put("blocks.0.attn.qkv.weight", new TensorData(new long[] {3, 5, 7}, big));
        sd.put("special", new TensorData(new long[] {6}, new float[] {-0f, Float.intBitsToFloat(0x7fc01234),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE}));
        sd.put("scalar", new TensorData(new long[] {}, new float[] {2.5f}));
        sd.put("empty", new TensorData(new long[] {0, 4}, new float[0]));
        sd.put("cls_token", new TensorData(new long[] {1, 1, 4}, new float[] {1, 2, 3, 4}));
        return sd;
    }

    @ParameterizedTest
    @ValueSource(strings = {"w.pth", "w.npz", "w.safetensors"})
    void float32RoundTripIsBitExact(String name) throws Exception {
        StateDict sd = awkward();
        Path f = dir.resolve(name);
        WeightFiles.write(sd, f);
        StateDict back = WeightFiles.read(f);
        assertTrue(sd.sameBits(back), () -> "differs after " + name + ": " + back.names());
        assertEquals(List.copyOf(sd.names()), List.copyOf(back.names()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.pth", "m.npz", "m.safetensors"})
    void torchFixtureRoundTripKeepsDtypes(String name) throws Exception {
        StateDict sd = WeightFiles.read(Fixtures.path("state_dict_mixed.pth"));
        Path f = dir.resolve(name);
        WeightFiles.write(sd, f);
        StateDict back = WeightFiles.read(f);
        assertTrue(sd.sameBits(back));
        for (String n : sd.names()) {
            WeightDtype expected = sd.require(n).sourceDtype();
            if (name.endsWith(".npz") && expected == WeightDtype.BFLOAT16) {
                expected = WeightDtype.FLOAT32; // numpy has no bfloat16
            }
            assertEquals(expected, back.require(n).sourceDtype(), n);
        }
    }

    @Test
    void pthLayoutMatchesTorchSave() throws Exception {
        Path f = dir.resolve("x.pth");
        PthWriter.write(awkward(), f);
        try (ZipFile zip = new ZipFile(f.toFile())) {
            assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/data/1",
                    "archive/data/2", "archive/data/3", "archive/data/4", "archive/version"),
                    zip.stream().map(e -> e.getName()).toList());
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("archive/version")).readAllBytes()));
            assertEquals(105 * 4, zip.getEntry("archive/data/0").getSize());
        }
        byte[] bytes = Files.readAllBytes(f);
        // storages start 64-byte aligned: locate the first one by its (unique) first 4 bytes
        int at = indexOf(bytes, java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(awkward().require("blocks.0.attn.qkv.weight").data()[0]).array());
        assertEquals(0, at % 64, "storage offset " + at);
    }

    @Test
    void writingIsDeterministic() throws Exception {
        Path a = dir.resolve("a.pth");
        Path b = dir.resolve("b.pth");
        WeightFiles.write(awkward(), a);
        WeightFiles.write(awkward(), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void nonIntegralValueInIntegerTensorIsRefusedOnWrite() {
        StateDict sd = new StateDict().put("num_batches_tracked",
                new TensorData(new long[] {}, new float[] {2.5f}, WeightDtype.INT64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightFiles.write(sd, dir.resolve("bad.safetensors")));
        assertTrue(e.getMessage().contains("num_batches_tracked") && e.getMessage().contains("INT64"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("bad.safetensors")) && !Files.exists(dir.resolve("bad.safetensors.part")));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
