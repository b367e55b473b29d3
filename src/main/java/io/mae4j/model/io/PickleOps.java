package io.mae4j.model.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Emits pickle protocol 2 opcodes by hand (only those {@link PthWriter} needs). */
final class PickleOps {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleOps proto2() {
        out.write(0x80);
        out.write(2);
        return this;
    }

    /** GLOBAL {@code module\nname\n}. */
    PickleOps global(String module, String name) {
        out.write('c');
        ascii(module + "\n" + name + "\n");
        return this;
    }

    PickleOps mark() {
        out.write('(');
        return this;
    }

    /** TUPLE: everything since the last mark. */
    PickleOps tuple() {
        out.write('t');
        return this;
    }

    PickleOps emptyTuple() {
        out.write(')');
        return this;
    }

    PickleOps reduce() {
        out.write('R');
        return this;
    }

    PickleOps binPersId() {
        out.write('Q');
        return this;
    }

    PickleOps setItems() {
        out.write('u');
        return this;
    }

    PickleOps bool(boolean b) {
        out.write(b ? 0x88 : 0x89);
        return this;
    }

    PickleOps stop() {
        out.write('.');
        return this;
    }

    /** BINUNICODE: 4-byte little-endian length, UTF-8. */
    PickleOps unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        le32(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    /** The shortest of BININT1, BININT2, BININT, LONG1. */
    PickleOps integer(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M');
            out.write((int) (v & 0xff));
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            le32((int) v);
        } else {
            byte[] be = BigInteger.valueOf(v).toByteArray(); // two's complement, big-endian
            out.write(0x8a);
            out.write(be.length);
            for (int i = be.length - 1; i >= 0; i--) {
                out.write(be[i]);
            }
        }
        return this;
    }

    /** A tuple of ints. */
    PickleOps intTuple(long[] values) {
        if (values.length == 0) {
            return emptyTuple();
        }
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void ascii(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }

    private void le32(int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }
}
