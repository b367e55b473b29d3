package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 5 of issue 16: a .pth whose tensor is a stride-0 100000×100000 view is refused in one line. */
class HugeViewPthTest {

    @TempDir
    Path tmp;

    @Test
    void aStrideZeroViewOfTenBillionElementsIsAWeightFileError() throws Exception {
        PickleOps p = new PickleOps().proto2();
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.mark();
        p.unicode("w");
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu").integer(1).tuple()
                .binPersId();
        p.integer(0); // storage offset
        p.intTuple(new long[] {100_000, 100_000}).intTuple(new long[] {0, 0}); // torch.zeros(1).expand(1e5, 1e5)
        p.bool(false);
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.tuple().reduce();
        p.setItems();
        Path file = tmp.resolve("bomb.pth");
        try (StoredZipWriter zip = new StoredZipWriter(file)) {
            zip.add(PthWriter.PREFIX + "data.pkl", p.stop().toByteArray(), 1);
            zip.add(PthWriter.PREFIX + "byteorder", "little".getBytes(StandardCharsets.US_ASCII), 1);
            zip.add(PthWriter.PREFIX + "data/0", new byte[4], 64);
            zip.add(PthWriter.PREFIX + "version", "3\n".getBytes(StandardCharsets.US_ASCII), 1);
        }
        WeightFileException e = assertThrows(WeightFileException.class, () -> PthReader.read(file));
        assertTrue(e.getMessage().contains("bomb.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor of size (100000, 100000) has 10000000000 elements"), e.getMessage());
    }
}
