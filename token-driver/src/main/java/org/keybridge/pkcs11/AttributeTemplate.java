package org.keybridge.pkcs11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** A CK_ATTRIBUTE array in native memory; keeps the value buffers alive as long as the template. */
final class AttributeTemplate {
    /** CK_UNAVAILABLE_INFORMATION: (CK_ULONG) -1. */
    private static final long UNAVAILABLE = Pkcs11Library.ULONG == 8 ? -1L : 0xFFFFFFFFL;
    private static final long VALUE_AT = Pkcs11Library.align(Pkcs11Library.ULONG, Pkcs11Library.PTR);
    private static final long LENGTH_AT = Pkcs11Library.align(VALUE_AT + Pkcs11Library.PTR, Pkcs11Library.ULONG);
    private static final long SIZE = Pkcs11Library.align(LENGTH_AT + Pkcs11Library.ULONG, Math.max(Pkcs11Library.PTR, Pkcs11Library.ULONG));

    private final Memory array;
    private final Memory[] buffers;
    private final int count;

    private AttributeTemplate(int count) {
        this.count = count;
        this.array = new Memory(Math.max(1, count) * SIZE);
        this.array.clear();
        this.buffers = new Memory[count];
    }

    static AttributeTemplate of(Attribute... attributes) {
        AttributeTemplate t = new AttributeTemplate(attributes.length);
        for (int i = 0; i < attributes.length; i++) {
            byte[] v = attributes[i].value();
            t.buffers[i] = Pkcs11Library.bytes(v);
            t.set(i, attributes[i].type(), t.buffers[i], v.length);
        }
        return t;
    }

    static AttributeTemplate lengthsOnly(long... types) {
        AttributeTemplate t = new AttributeTemplate(types.length);
        for (int i = 0; i < types.length; i++) t.set(i, types[i], null, 0);
        return t;
    }

    static AttributeTemplate withBuffers(long[] types, long[] lengths) {
        AttributeTemplate t = new AttributeTemplate(types.length);
        for (int i = 0; i < types.length; i++) {
            if (lengths[i] < 0 || lengths[i] == UNAVAILABLE) {
                t.set(i, types[i], null, 0);
            } else {
                t.buffers[i] = new Memory(Math.max(1, lengths[i]));
                t.set(i, types[i], t.buffers[i], lengths[i]);
            }
        }
        return t;
    }

    private void set(int i, long type, Pointer value, long length) {
        long base = i * SIZE;
        array.setNativeLong(base, new NativeLong(type));
        array.setPointer(base + VALUE_AT, value);
        array.setNativeLong(base + LENGTH_AT, new NativeLong(length));
    }

    Pointer pointer() { return array; }

    int count() { return count; }

    long[] lengths() {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            long len = array.getNativeLong(i * SIZE + LENGTH_AT).longValue();
            out[i] = Pkcs11Library.ULONG == 8 ? len : len & 0xFFFFFFFFL;
        }
        return out;
    }

    /** Values after a C_GetAttributeValue; null where the module gave none. */
    byte[][] values() {
        long[] lengths = lengths();
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (buffers[i] != null && lengths[i] != UNAVAILABLE && lengths[i] >= 0) {
                out[i] = buffers[i].getByteArray(0, (int) lengths[i]);
            }
        }
        return out;
    }
}
