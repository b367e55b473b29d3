package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-built pickles: every way a pickle can name or call a global goes through the allow-list,
 * including globals Pyrolite itself would happily construct (datetime, set, exceptions).
 */
class PthReaderSafetyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"datetime\ndatetime", "__builtin__\nset", "builtins\nValueError",
            "collections\nCounter", "torch\nload", "numpy.core.multiarray\nscalar"})
    void globalsOutsideTheAllowListAreRefused(String global) throws Exception {
        String[] parts = global.split("\n");
        byte[] pkl = bytes("\u0080\u0002c" + global + "\n)R.");
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> PthReader.read(pth("g.pth", pkl)));
        assertEquals(parts[0] + "." + parts[1], e.global());
        assertTrue(e.getMessage().contains("in g.pth"), e.getMessage());
    }

    @Test
    void stackGlobalOfProtocol4IsRefused() throws Exception {
        // PROTO 4, SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL, ..., REDUCE
        byte[] pkl = bytes("\u0080\u0004\u008c\u0008builtins\u008c\u0004eval\u0093\u008c\u0001x\u0085R.");
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> PthReader.read(pth("s.pth", pkl)));
        assertEquals("builtins.eval", e.global());
    }

    @Test
    void instOpcodeIsRefused() throws Exception {
        byte[] pkl = bytes("(S'echo hi'\nios\nsystem\n.");
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> PthReader.read(pth("i.pth", pkl)));
        assertEquals("os.system", e.global());
    }

    @Test
    void extensionRegistryCodesAreRefused() throws Exception {
        byte[] pkl = bytes("\u0080\u0002\u0082\u0001.");
        assertThrows(UnsafePickleException.class, () -> PthReader.read(pth("e.pth", pkl)));
    }

    @Test
    void unknownStorageTypeInsideAnAllowedTensorIsRefused() throws Exception {
        byte[] pkl = bytes("\u0080\u0002ccollections\nOrderedDict\n)R(X\u0001\u0000\u0000\u0000a"
                + "ctorch._utils\n_rebuild_tensor_v2\n((X\u0007\u0000\u0000\u0000storage"
                + "ctorch\nComplexFloatStorage\nX\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpuK\u0001tQ"
                + "K\u0000K\u0001\u0085K\u0001\u0085\u0089)tRu.");
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> PthReader.read(pth("c.pth", pkl)));
        assertEquals("torch.ComplexFloatStorage", e.global());
    }

    @Test
    void missingStorageRecordIsNamed() throws Exception {
        byte[] pkl = bytes("\u0080\u0002ccollections\nOrderedDict\n)R(X\u0001\u0000\u0000\u0000a"
                + "ctorch._utils\n_rebuild_tensor_v2\n((X\u0007\u0000\u0000\u0000storage"
                + "ctorch\nFloatStorage\nX\u0001\u0000\u0000\u00009X\u0003\u0000\u0000\u0000cpuK\u0001tQ"
                + "K\u0000K\u0001\u0085K\u0001\u0085\u0089)tRu.");
        WeightFileException e = assertThrows(WeightFileException.class, () -> PthReader.read(pth("m.pth", pkl)));
        assertTrue(e.getMessage().contains("archive/data/9") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void buildOnAPlainListIsRejected() throws Exception {
        byte[] pkl = bytes("\u0080\u0002]}b.");
        WeightFileException e = assertThrows(WeightFileException.class, () -> PthReader.read(pth("b.pth", pkl)));
        assertTrue(e.getMessage().contains("BUILD"), e.getMessage());
    }

    @Test
    void checkpointWithoutTensorsNamesItsKeys() throws Exception {
        byte[] pkl = bytes("\u0080\u0002}(X\u0005\u0000\u0000\u0000epochK\u0003u.");
        WeightFileException e = assertThrows(WeightFileException.class, () -> PthReader.read(pth("n.pth", pkl)));
        assertTrue(e.getMessage().contains("no state dict found in n.pth") && e.getMessage().contains("[epoch]"),
                e.getMessage());
    }

    /** A zip with archive/data.pkl = pkl (no storages). */
    private Path pth(String name, byte[] pkl) throws Exception {
        Path f = dir.resolve(name);
        try (StoredZipWriter zip = new StoredZipWriter(f)) {
            zip.add("archive/data.pkl", pkl, 1);
            zip.add("archive/version", bytes("3\n"), 1);
        }
        return f;
    }

    /** Latin-1: each char is one byte, so pickle opcodes can be written as \\u00XX escapes. */
    private static byte[] bytes(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
