package io.mae4j.model.io;

/** IEEE half (binary16) and bfloat16 ↔ float32 conversions, rounding to nearest even. */
final class HalfFloats {

    private HalfFloats() {}

    /** binary16 bits → float32 (exact: every half is a float). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            float magnitude = mant * 0x1p-24f; // zero or subnormal: mant · 2^-24
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN, payload kept
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** float32 → binary16 bits, round to nearest even; overflow gives ±inf, NaN stays NaN. */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15; // re-biased exponent
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: rounds to zero
            }
            int m = mant | 0x800000; // implicit leading one
            return (short) (sign | roundShift(m, 14 - e)); // subnormal (may round up to the smallest normal)
        }
        // normal: exponent and mantissa side by side, so a carry out of the mantissa bumps the exponent
        return (short) (sign | roundShift((e << 23) | mant, 13));
    }

    /** float32 → bfloat16 bits (upper half of the float), round to nearest even; NaN stays NaN. */
    static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7f800000) == 0x7f800000 && (bits & 0x7fffff) != 0) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    private static int roundShift(int value, int shift) {
        int result = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (result & 1) == 1)) {
            result++;
        }
        return result;
    }
}
