package org.keybridge.pkcs11;

import java.nio.charset.StandardCharsets;

/** One CK_ATTRIBUTE of a template: its type and the bytes of its value, already in native form. */
public record Attribute(long type, byte[] value) {

    public static Attribute of(long type, byte[] value) { return new Attribute(type, value.clone()); }

    public static Attribute bool(long type, boolean value) { return new Attribute(type, new byte[] {(byte) (value ? 1 : 0)}); }

    /** A CK_ULONG value in the platform's width and byte order. */
    public static Attribute ulong(long type, long value) {
        byte[] b = new byte[Pkcs11Library.ULONG];
        for (int i = 0; i < b.length; i++) {
            int shift = 8 * (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? i : b.length - 1 - i);
            b[i] = (byte) (value >>> shift);
        }
        return new Attribute(type, b);
    }

    public static Attribute utf8(long type, String value) {
        return new Attribute(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a CK_ULONG attribute value returned by the module. */
    public static long toUlong(byte[] value) {
        long v = 0;
        boolean little = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < value.length; i++) {
            int b = value[little ? value.length - 1 - i : i] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }
}
