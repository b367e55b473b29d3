package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mae4j.util.EngineSetup;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * numpy_savez.npz is np.savez output (numpy 1.24); by_hand.safetensors follows the safetensors
 * layout written with struct (see make_pth_fixtures.py). Our own files are also read back by DJL's
 * {@code NDList.decode}, which checks names and values independently of our reader.
 */
class NpzSafetensorsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.start(2, 1);
    }

    @Test
    void readsNumpySavezIncludingFortranBigEndianAndPositional() throws Exception {
        StateDict sd = WeightFiles.read(Fixtures.path("numpy_savez.npz"));
        assertEquals(List.of("f32", "f64", "f16", "i64", "fortran", "big", "scalar", "arr_0"), List.copyOf(sd.names()));
        assertArrayEquals(new float[] {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, sd.require("f32").data());
        assertArrayEquals(new long[] {2, 3}, sd.require("f32").shape());
        assertArrayEquals(new float[] {0f, (float) (1 / 3.0), (float) (2 / 3.0)}, sd.require("f64").data());
        assertEquals(WeightDtype.FLOAT16, sd.require("f16").sourceDtype());
        assertArrayEquals(new float[] {0.5f, -2f, 65504f}, sd.require("f16").data());
        assertArrayEquals(new long[] {1, 2}, sd.require("i64").shape());
        assertArrayEquals(new float[] {7f, -8f}, sd.require("i64").data());
        // np.asfortranarray(arange(6).reshape(2, 3)) is stored column-major; read back row-major
        assertArrayEquals(Fixtures.arange(6), sd.require("fortran").data());
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f}, sd.require("big").data()); // '>f4'
        assertArrayEquals(new long[] {}, sd.require("scalar").shape());
        assertArrayEquals(new float[] {1.5f, -1.5f}, sd.require("arr_0").data());
    }

    @Test
    void readsSafetensorsLaidOutByTheSpec() throws Exception {
        StateDict sd = WeightFiles.read(Fixtures.path("by_hand.safetensors"));
        assertEquals(List.of("bf", "h", "i", "w"), List.copyOf(sd.names())); // header order, no __metadata__
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 8f}, sd.require("w").data());
        assertArrayEquals(new long[] {2, 2}, sd.require("w").shape());
        assertArrayEquals(new float[] {0.5f, -2f, 65504f}, sd.require("h").data());
        assertArrayEquals(new float[] {1f, -3.5f}, sd.require("bf").data());
        assertEquals(WeightDtype.BFLOAT16, sd.require("bf").sourceDtype());
        assertArrayEquals(new float[] {42f}, sd.require("i").data());
    }

    @Test
    void djlDecodesOurFilesWithNamesAndValues() throws Exception {
        StateDict sd = RoundTripTest.awkward();
        sd.remove("empty");
        for (String name : List.of("w.npz", "w.safetensors")) {
            Path f = dir.resolve(name);
            WeightFiles.write(sd, f);
            try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(f)) {
                NDList list = NDList.decode(m, in);
                assertEquals(sd.size(), list.size(), name);
                java.util.LinkedHashMap<String, NDArray> byName = new java.util.LinkedHashMap<>();
                for (NDArray a : list) {
                    byName.put(a.getName(), a);
                }
                assertTrue(sd.sameBits(StateDict.fromNDArrays(byName, name)), name); // names, order, bits
                assertTrue(sd.sameBits(StateDict.fromNDArrays(sd.toNDArrays(m), "again")));
            }
        }
    }

    @Test
    void corruptSafetensorsOffsetsNameTheTensor() throws Exception {
        byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, ByteBuffer.allocate(8 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).array());
        WeightFileException e = assertThrows(WeightFileException.class, () -> WeightFiles.read(f));
        assertTrue(e.getMessage().contains("bad.safetensors: tensor 'w'") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void unsupportedNumpyDtypeIsNamed() throws Exception {
        String h = "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }";
        Path f = dir.resolve("c.npz");
        try (StoredZipWriter zip = new StoredZipWriter(f)) {
            ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length())
                    .put(h.getBytes(StandardCharsets.ISO_8859_1));
            zip.add("z.npy", b.array(), 1);
        }
        WeightFileException e = assertThrows(WeightFileException.class, () -> WeightFiles.read(f));
        assertTrue(e.getMessage().contains("c.npz:z.npy") && e.getMessage().contains("'<c8'"), e.getMessage());
    }
}
