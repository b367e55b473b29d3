package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.mae4j.util.EngineSetup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export → read → import. (Checked once by hand: a .pth exported this way for the TinyMae names
 * loads in torch 1.13 with {@code TinyMae().load_state_dict(torch.load(p))}, strict.)
 */
class WeightExporterTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.start(2, 1);
    }

    @Test
    void exportsOfficialNamesWithTablesAndImportsBack() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LinkedHashMap<String, Parameter> params = TinyParams.zeros(m);
            int i = 0;
            for (Parameter p : params.values()) {
                p.getArray().set(m.arange(0f, (float) p.getArray().size()).add(i++).toFloatArray());
            }
            NDArray pos = TinyParams.fixturePosEmbed(m);
            NDArray decPos = m.ones(new Shape(5, 4)); // (T, D) is given the leading axis
            Map<String, NDArray> tables = new LinkedHashMap<>();
            tables.put("decoder_pos_embed", decPos);
            tables.put("pos_embed", pos);

            Path out = dir.resolve("sub/mae_tiny.pth");
            StateDict written = WeightExporter.export(params, tables, out);
            List<String> names = List.copyOf(written.names());
            assertEquals(List.of("cls_token", "pos_embed"), names.subList(0, 2));
            assertEquals("decoder_pos_embed", names.get(names.indexOf("mask_token") + 1));
            assertEquals(14, names.size());

            StateDict back = WeightFiles.read(out);
            assertTrue(written.sameBits(back));
            assertArrayEquals(new long[] {1, 5, 4}, back.require("decoder_pos_embed").shape());
            assertArrayEquals(pos.toFloatArray(), back.require("pos_embed").data());

            LinkedHashMap<String, Parameter> fresh = TinyParams.zeros(m);
            ImportReport r = WeightImporter.apply(fresh, back, ImportOptions.builder().optStrict(true)
                    .optFixedTables(Map.of("pos_embed", pos, "decoder_pos_embed", decPos)).build());
            assertEquals("loaded 12, missing 0, unexpected 0, skipped 2, warnings 0", r.summary());
            for (String n : params.keySet()) {
                assertArrayEquals(params.get(n).getArray().toFloatArray(), fresh.get(n).getArray().toFloatArray(), n);
            }
        }
    }

    @Test
    void positionTableMustHaveOfficialShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightExporter.toStateDict(
                    TinyParams.zeros(m), Map.of("pos_embed", m.zeros(new Shape(2, 5, 4))), "x.pth"));
            assertTrue(e.getMessage().contains("(1, N+1, D)") && e.getMessage().contains("(2, 5, 4)"), e.getMessage());
        }
    }
}
