package io.mae4j.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a state dict as a PyTorch zip checkpoint that {@code torch.load} (torch ≥ 1.6) reads into
 * an {@code OrderedDict} of tensors: {@code archive/data.pkl} (pickle protocol 2 of
 * {@code collections.OrderedDict} items built by {@code torch._utils._rebuild_tensor_v2} with
 * persistent ids {@code ('storage', torch.FloatStorage, '<i>', 'cpu', numel)}),
 * {@code archive/byteorder} = {@code little}, {@code archive/data/<i>} (one contiguous
 * little-endian storage per tensor, 64-byte aligned) and {@code archive/version} = 3.
 *
 * <p>Each tensor is stored in its {@link TensorData#sourceDtype()}. The output is deterministic.
 */
public final class PthWriter {

    static final String PREFIX = "archive/";
    private static final int ALIGN = 64;

    private PthWriter() {}

    /** Writes {@code sd} to {@code file} (overwriting it). */
    public static void write(StateDict sd, Path file) throws IOException {
        try (StoredZipWriter zip = new StoredZipWriter(file)) {
            zip.add(PREFIX + "data.pkl", pickle(sd), 1);
            zip.add(PREFIX + "byteorder", "little".getBytes(StandardCharsets.US_ASCII), 1);
            int key = 0;
            for (Map.Entry<String, TensorData> e : sd) {
                zip.add(PREFIX + "data/" + key++, storageBytes(e.getKey(), e.getValue()), ALIGN);
            }
            zip.add(PREFIX + "version", "3\n".getBytes(StandardCharsets.US_ASCII), 1);
        }
    }

    /** The data.pkl bytes: an OrderedDict of rebuilt tensors, storage keys "0", "1", … in order. */
    static byte[] pickle(StateDict sd) {
        PickleOps p = new PickleOps().proto2();
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        if (sd.size() > 0) {
            p.mark();
            int key = 0;
            for (Map.Entry<String, TensorData> e : sd) {
                TensorData t = e.getValue();
                p.unicode(e.getKey());
                p.global("torch._utils", "_rebuild_tensor_v2").mark();
                p.mark().unicode("storage").global("torch", t.sourceDtype().torchStorage())
                        .unicode(Integer.toString(key++)).unicode("cpu").integer(t.numel()).tuple().binPersId();
                p.integer(0); // storage offset
                p.intTuple(t.shape()).intTuple(Strides.contiguous(t.shape()));
                p.bool(false); // requires_grad
                p.global("collections", "OrderedDict").emptyTuple().reduce(); // backward hooks
                p.tuple().reduce();
            }
            p.setItems();
        }
        return p.stop().toByteArray();
    }

    private static byte[] storageBytes(String name, TensorData t) {
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(t.numel(), t.sourceDtype().bytes()))
                .order(ByteOrder.LITTLE_ENDIAN);
        t.sourceDtype().encode(t.data(), buf, name);
        return buf.array();
    }
}
