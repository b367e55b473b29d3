package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * TFRecord framing against known vectors. The expected records were computed with the CRC-32C
 * implemented independently in src/test/python/read_events.py (run in that folder):
 *
 * <pre>
 * python3 -c "import read_events as r, struct; d = b'hello'; h = struct.pack('&lt;Q', len(d));
 *   print((h + struct.pack('&lt;I', r.masked(r.crc32c(h))) + d + struct.pack('&lt;I', r.masked(r.crc32c(d)))).hex())"
 * </pre>
 *
 * The masked CRCs are worked by hand.
 */
class TfRecordsTest {

    @Test
    void crc32cOfTheCheckString() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, TfRecords.crc32c(check, 0, check.length));
        byte[] padded = "xx123456789y".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, TfRecords.crc32c(padded, 2, 9)); // offset and length respected
    }

    @Test
    void maskByHand() {
        // 0xE3069283 rotated right by 15 = 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5
        assertEquals(0xC78AB0E5, TfRecords.mask(0xE3069283));
        assertEquals(0xA282EAD8, TfRecords.mask(0)); // rotation of 0 is 0, only the delta remains
        assertEquals(0xA282EAD7, TfRecords.mask(0xFFFFFFFF)); // 0xFFFFFFFF + delta wraps modulo 2^32
        for (int crc : new int[] {0, 1, -1, 0xE3069283, 0x12345678, Integer.MIN_VALUE}) {
            assertEquals(crc, TfRecords.unmask(TfRecords.mask(crc)));
        }
    }

    @Test
    void framesKnownRecords() {
        HexFormat hex = HexFormat.of();
        // length 5 | masked crc32c(length) | "hello" | masked crc32c("hello")
        assertArrayEquals(hex.parseHex("0500000000000000" + "eab2043e" + "68656c6c6f" + "bb1f1c19"),
                TfRecords.frame("hello".getBytes(StandardCharsets.US_ASCII)));
        // an empty record: the data CRC is mask(0) = 0xA282EAD8, little endian
        assertArrayEquals(hex.parseHex("0000000000000000" + "29039807" + "d8ea82a2"), TfRecords.frame(new byte[0]));
    }
}
