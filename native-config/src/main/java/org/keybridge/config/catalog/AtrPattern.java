package org.keybridge.config.catalog;

import java.util.HexFormat;

/**
 * An answer-to-reset with a mask (hex, no separators): an ATR matches when it has the same length and
 * {@code atr[i] & mask[i] == value[i] & mask[i]} for every byte. Without a mask every byte counts.
 */
public record AtrPattern(String value, String mask, String label) {
    public AtrPattern {
        value = value.toUpperCase(java.util.Locale.ROOT);
        mask = mask == null ? null : mask.toUpperCase(java.util.Locale.ROOT);
        if (mask != null && mask.length() != value.length()) {
            throw new IllegalArgumentException("ATR mask " + mask + " is not as long as the ATR " + value);
        }
    }

    public boolean matches(byte[] atr) {
        byte[] v = HexFormat.of().parseHex(value);
        if (atr == null || atr.length != v.length) return false;
        byte[] m = mask == null ? null : HexFormat.of().parseHex(mask);
        for (int i = 0; i < v.length; i++) {
            int bits = m == null ? 0xFF : m[i];
            if (((atr[i] ^ v[i]) & bits) != 0) return false;
        }
        return true;
    }
}
