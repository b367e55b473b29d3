package io.mae4j.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code .safetensors}: an 8-byte little-endian header length, a JSON header
 * {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}}
 * (offsets relative to the end of the header), then raw little-endian data. Tensors keep the header's
 * order; {@code __metadata__} is ignored on reading and written as {@code {"format": "pt"}}.
 */
public final class SafetensorsFiles {

    private static final long MAX_HEADER = 100L << 20;

    private SafetensorsFiles() {}

    /** Reads every tensor, in header order. */
    public static StateDict read(Path file) throws IOException {
        String name = file.getFileName().toString();
        StateDict sd = new StateDict(name);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(len, 0) != 8) {
                throw new WeightFileException(name + " is too short to be a .safetensors file");
            }
            long headerLen = len.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > ch.size()) {
                throw new WeightFileException(name + " is not a .safetensors file: header length " + headerLen
                        + " does not fit a file of " + ch.size() + " bytes");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.read(hb, 8);
            JsonObject header;
            try {
                header = JsonParser.parseString(new String(hb.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new WeightFileException(name + ": the .safetensors header is not a JSON object: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLen;
            long dataLen = ch.size() - dataStart;
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (!e.getKey().equals("__metadata__")) {
                    sd.put(e.getKey(), readTensor(ch, dataStart, dataLen, e.getKey(), e.getValue(), name));
                }
            }
        }
        return sd;
    }

    private static TensorData readTensor(FileChannel ch, long dataStart, long dataLen, String key, JsonElement spec,
            String file) throws IOException {
        String where = file + ": tensor '" + key + "'";
        WeightDtype dtype;
        long[] shape;
        long begin;
        long end;
        try {
            JsonObject o = spec.getAsJsonObject();
            dtype = WeightDtype.fromSafetensors(o.get("dtype").getAsString());
            if (dtype == null) {
                throw new WeightFileException(where + " has unsupported dtype " + o.get("dtype") + "; supported: F32, F16,"
                        + " BF16, F64, I64, I32, I16, I8, U8, BOOL");
            }
            JsonArray s = o.getAsJsonArray("shape");
            shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).getAsLong();
            }
            JsonArray off = o.getAsJsonArray("data_offsets");
            begin = off.get(0).getAsLong();
            end = off.get(1).getAsLong();
        } catch (RuntimeException e) {
            throw new WeightFileException(where + " has a malformed header entry " + spec, e);
        }
        long n = Strides.numel(shape);
        if (begin < 0 || end < begin || end > dataLen || end - begin != n * dtype.bytes()) {
            throw new WeightFileException(where + ": data_offsets [" + begin + ", " + end + "] do not match shape "
                    + Strides.shapeString(shape) + " of " + dtype + " within " + dataLen + " data bytes; the file is corrupt");
        }
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin);
        return new TensorData(shape, dtype.decode(map.order(ByteOrder.LITTLE_ENDIAN), Math.toIntExact(n)), dtype);
    }

    /** Writes the tensors in order, each in its source dtype, header padded with spaces to 8 bytes. */
    public static void write(StateDict sd, Path file) throws IOException {
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        header.add("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, TensorData> e : sd) {
            TensorData t = e.getValue();
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.sourceDtype().safetensorsName());
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            o.add("shape", shape);
            JsonArray off = new JsonArray();
            off.add(offset);
            offset += (long) t.numel() * t.sourceDtype().bytes();
            off.add(offset);
            o.add("data_offsets", off);
            header.add(e.getKey(), o);
        }
        StringBuilder json = new StringBuilder(header.toString());
        int padded = json.toString().getBytes(StandardCharsets.UTF_8).length;
        json.append(" ".repeat((8 - padded % 8) % 8));
        byte[] h = json.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            out.write(h);
            for (Map.Entry<String, TensorData> e : sd) {
                TensorData t = e.getValue();
                ByteBuffer buf = ByteBuffer.allocate(t.numel() * t.sourceDtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
                t.sourceDtype().encode(t.data(), buf, e.getKey());
                out.write(buf.array());
            }
        }
    }
}
