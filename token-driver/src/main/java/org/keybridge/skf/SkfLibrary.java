package org.keybridge.skf;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A thin JNA binding of one SKF library (GM/T 0016-2012): one method per C function, Java types in,
 * {@link SkfException} out, no policy. Functions are looked up by their exported names.
 *
 * <p>ABI traps handled here: {@code ULONG} is 32 bits in the standard, but some vendor builds for LP64 Linux use the
 * native {@code unsigned long} (64 bits), so the width is a per-module setting ({@code ulongSize} 4 or 8) that sizes
 * every ULONG argument, out-parameter and structure field; structures are packed to 1 byte; ECC values sit
 * right-aligned in 64-byte fields. On 32-bit Windows the functions are {@code __stdcall} — not handled (x64 only).
 */
public final class SkfLibrary {
    public static final int ADMIN_PIN = 0, USER_PIN = 1;
    public static final int EVENT_INSERTED = 1, EVENT_REMOVED = 2;
    public static final int SGD_SM3 = 0x00000001, SGD_SM2_1 = 0x00020200;
    private static final int BLOB_FIELD = 64;

    private final String path;
    private final NativeLibrary library;
    private final int ulongSize;

    private SkfLibrary(String path, NativeLibrary library, int ulongSize) {
        this.path = path;
        this.library = library;
        this.ulongSize = ulongSize;
    }

    /** Loads the library; {@code ulongSize} is 4 (the standard) or 8 (native long on LP64). */
    public static SkfLibrary load(String path, int ulongSize) {
        if (ulongSize != 4 && ulongSize != 8) throw new IllegalArgumentException("ulongSize must be 4 or 8");
        NativeLibrary lib = NativeLibrary.getInstance(path);
        lib.getFunction("SKF_EnumDev"); // fails fast (UnsatisfiedLinkError) on a library that is not SKF
        return new SkfLibrary(path, lib, ulongSize);
    }

    public String path() { return path; }

    public int ulongSize() { return ulongSize; }

    // ---- devices ----

    public List<String> enumDev(boolean present) { return nameList("SKF_EnumDev", present ? 1 : 0); }

    public Pointer connectDev(String name) {
        PointerByReference h = new PointerByReference();
        check("SKF_ConnectDev", cstr(name), h);
        return h.getValue();
    }

    public void disconnectDev(Pointer dev) { check("SKF_DisConnectDev", dev); }

    /** DEVINFO, packed: Version(2) Manufacturer[64] Issuer[64] Label[32] SerialNumber[32] HW(2) FW(2) then ULONGs. */
    public DevInfo getDevInfo(Pointer dev) {
        Memory m = new Memory(2 + 64 + 64 + 32 + 32 + 2 + 2 + 8L * ulongSize + 64);
        m.clear();
        check("SKF_GetDevInfo", dev, m);
        return new DevInfo(text(m, 2, 64), text(m, 66, 64), text(m, 130, 32), text(m, 162, 32),
                (int) ulong(m, 198 + ulongSize), (int) ulong(m, 198 + 2L * ulongSize));
    }

    /** Blocks until a device is inserted or removed; event 0 when cancelled. */
    public DevEvent waitForDevEvent() {
        Memory name = new Memory(256);
        name.clear();
        Memory len = ulongOut(256);
        Memory event = ulongOut(0);
        check("SKF_WaitForDevEvent", name, len, event);
        int n = (int) ulong(len, 0);
        return new DevEvent(n == 0 ? "" : text(name, 0, Math.min(n, 256)), (int) ulong(event, 0));
    }

    public void cancelWaitForDevEvent() { check("SKF_CancelWaitForDevEvent"); }

    // ---- applications and PINs ----

    public List<String> enumApplication(Pointer dev) { return nameList("SKF_EnumApplication", dev); }

    public Pointer openApplication(Pointer dev, String name) {
        PointerByReference h = new PointerByReference();
        check("SKF_OpenApplication", dev, cstr(name), h);
        return h.getValue();
    }

    public void closeApplication(Pointer app) { check("SKF_CloseApplication", app); }

    public PinInfo getPinInfo(Pointer app, int type) {
        Memory max = ulongOut(0), remain = ulongOut(0), isDefault = new Memory(4);
        isDefault.setInt(0, 0);
        check("SKF_GetPINInfo", app, ul(type), max, remain, isDefault);
        return new PinInfo((int) ulong(max, 0), (int) ulong(remain, 0), isDefault.getInt(0) != 0);
    }

    /** One PIN attempt; a wrong PIN throws {@link SkfException} with the tries left. The PIN copy is wiped. */
    public void verifyPin(Pointer app, int type, byte[] pin) {
        Memory p = secret(pin);
        Memory retry = ulongOut(0);
        try {
            int rv = invoke("SKF_VerifyPIN", app, ul(type), p, retry);
            if (rv != SAR.OK) throw new SkfException("SKF_VerifyPIN", rv, (int) ulong(retry, 0));
        } finally {
            p.clear();
        }
    }

    public void changePin(Pointer app, int type, byte[] oldPin, byte[] newPin) {
        Memory o = secret(oldPin), n = secret(newPin);
        Memory retry = ulongOut(0);
        try {
            int rv = invoke("SKF_ChangePIN", app, ul(type), o, n, retry);
            if (rv != SAR.OK) throw new SkfException("SKF_ChangePIN", rv, (int) ulong(retry, 0));
        } finally {
            o.clear();
            n.clear();
        }
    }

    public void clearSecureState(Pointer app) { check("SKF_ClearSecureState", app); }

    // ---- containers, certificates, keys ----

    public List<String> enumContainer(Pointer app) { return nameList("SKF_EnumContainer", app); }

    public Pointer openContainer(Pointer app, String name) {
        PointerByReference h = new PointerByReference();
        check("SKF_OpenContainer", app, cstr(name), h);
        return h.getValue();
    }

    public void closeContainer(Pointer con) { check("SKF_CloseContainer", con); }

    /** The signing ({@code sign}) or encryption certificate's DER, or null when the container has none. */
    public byte[] exportCertificate(Pointer con, boolean sign) {
        Memory len = ulongOut(0);
        int rv = invoke("SKF_ExportCertificate", con, sign ? 1 : 0, Pointer.NULL, len);
        if (rv == SAR.CERTNOTFOUNTERR) return null;
        if (rv != SAR.OK) throw new SkfException("SKF_ExportCertificate", rv);
        int n = (int) ulong(len, 0);
        if (n == 0) return null;
        Memory der = new Memory(n);
        check("SKF_ExportCertificate", con, sign ? 1 : 0, der, len);
        return der.getByteArray(0, (int) ulong(len, 0));
    }

    /** The public key as 65 bytes 04‖x‖y (uncompressed point), from the right-aligned ECCPUBLICKEYBLOB. */
    public byte[] exportPublicKey(Pointer con, boolean sign) {
        Memory blob = new Memory(ulongSize + 2L * BLOB_FIELD);
        blob.clear();
        Memory len = ulongOut(blob.size());
        check("SKF_ExportPublicKey", con, sign ? 1 : 0, blob, len);
        return pointFromBlob(blob, 0);
    }

    /** SKF_ECCSignData over the 32-byte e = SM3(Z‖M); returns raw r‖s (32 + 32 bytes). */
    public byte[] eccSignData(Pointer con, byte[] e, Memory scratch) {
        if (e.length != 32) throw new IllegalArgumentException("SKF_ECCSignData takes the 32-byte SM3 digest");
        scratch.write(0, e, 0, 32);
        Pointer sig = scratch.share(32);
        sig.setMemory(0, 2 * BLOB_FIELD, (byte) 0);
        check("SKF_ECCSignData", con, scratch, ul(32), sig);
        byte[] out = new byte[64];
        sig.read(BLOB_FIELD - 32, out, 0, 32);
        sig.read(2 * BLOB_FIELD - 32, out, 32, 32);
        return out;
    }

    /** SM3 on the device; with {@code point} (04‖x‖y) and {@code id} the device prepends the SM2 Z value. */
    public byte[] digest(Pointer dev, byte[] point, byte[] id, byte[] data) {
        PointerByReference h = new PointerByReference();
        Memory blob = point == null ? null : blobFromPoint(point);
        Memory idm = id == null ? null : copy(id);
        check("SKF_DigestInit", dev, ul(SGD_SM3), blob, idm, ul(id == null ? 0 : id.length), h);
        try {
            Memory out = new Memory(64);
            Memory len = ulongOut(64);
            check("SKF_Digest", h.getValue(), copy(data), ul(data.length), out, len);
            return out.getByteArray(0, (int) ulong(len, 0));
        } finally {
            invoke("SKF_CloseHandle", h.getValue());
        }
    }

    // ---- provisioning (the demo and tests; a real key's issuing CA does this) ----

    /** Vendor extension of the software UKey only: an empty device under its store. */
    public void softCreateDevice(String name, String label, String serial) {
        check("SKFSOFT_CreateDevice", cstr(name), cstr(label), cstr(serial));
    }

    public Pointer createApplication(Pointer dev, String name, byte[] adminPin, int adminRetries, byte[] userPin,
                                     int userRetries) {
        PointerByReference h = new PointerByReference();
        Memory a = secret(adminPin), u = secret(userPin);
        try {
            check("SKF_CreateApplication", dev, cstr(name), a, ul(adminRetries), u, ul(userRetries), ul(0xFF), h);
        } finally {
            a.clear();
            u.clear();
        }
        return h.getValue();
    }

    public Pointer createContainer(Pointer app, String name) {
        PointerByReference h = new PointerByReference();
        check("SKF_CreateContainer", app, cstr(name), h);
        return h.getValue();
    }

    /** Generates the container's SM2 signing key pair; returns the public point 04‖x‖y. */
    public byte[] genEccKeyPair(Pointer con) {
        Memory blob = new Memory(ulongSize + 2L * BLOB_FIELD);
        blob.clear();
        check("SKF_GenECCKeyPair", con, ul(SGD_SM2_1), blob);
        return pointFromBlob(blob, 0);
    }

    public void importCertificate(Pointer con, boolean sign, byte[] der) {
        check("SKF_ImportCertificate", con, sign ? 1 : 0, copy(der), ul(der.length));
    }

    // ---- plumbing ----

    private List<String> nameList(String fn, Object first) {
        Memory size = ulongOut(0);
        check(fn, first, Pointer.NULL, size);
        for (int attempt = 0; ; attempt++) {
            int n = (int) ulong(size, 0);
            if (n <= 1) return List.of();
            Memory list = new Memory(n);
            list.clear();
            int rv = invoke(fn, first, list, size);
            if (rv == SAR.BUFFER_TOO_SMALL && attempt < 3) continue; // a device arrived in between
            if (rv != SAR.OK) throw new SkfException(fn, rv);
            return split(list.getByteArray(0, (int) Math.min(n, ulong(size, 0))));
        }
    }

    /** "a\0b\0\0" → [a, b] (GBK-named devices exist; names are read as UTF-8, which ASCII names share). */
    static List<String> split(byte[] list) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                if (i == start) break;
                out.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    private byte[] pointFromBlob(Pointer blob, long at) {
        byte[] p = new byte[65];
        p[0] = 4;
        blob.read(at + ulongSize + BLOB_FIELD - 32, p, 1, 32);
        blob.read(at + ulongSize + 2L * BLOB_FIELD - 32, p, 33, 32);
        return p;
    }

    private Memory blobFromPoint(byte[] point) {
        Memory blob = new Memory(ulongSize + 2L * BLOB_FIELD);
        blob.clear();
        if (ulongSize == 8) blob.setLong(0, 256); else blob.setInt(0, 256);
        blob.write(ulongSize + BLOB_FIELD - 32, point, 1, 32);
        blob.write(ulongSize + 2L * BLOB_FIELD - 32, point, 33, 32);
        return blob;
    }

    private Object ul(long v) { return ulongSize == 8 ? (Object) v : (Object) (int) v; }

    private Memory ulongOut(long initial) {
        Memory m = new Memory(ulongSize);
        if (ulongSize == 8) m.setLong(0, initial); else m.setInt(0, (int) initial);
        return m;
    }

    private long ulong(Pointer m, long offset) {
        return ulongSize == 8 ? m.getLong(offset) : Integer.toUnsignedLong(m.getInt(offset));
    }

    private static Memory cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }

    /** A NUL-terminated native copy of a PIN, to be cleared by the caller. */
    private static Memory secret(byte[] pin) {
        Memory m = new Memory(pin.length + 1L);
        m.write(0, pin, 0, pin.length);
        m.setByte(pin.length, (byte) 0);
        return m;
    }

    private static Memory copy(byte[] b) {
        Memory m = new Memory(Math.max(1, b.length));
        m.write(0, b, 0, b.length);
        return m;
    }

    private static String text(Pointer m, long offset, int max) {
        byte[] b = m.getByteArray(offset, max);
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(Arrays.copyOf(b, n), StandardCharsets.UTF_8).trim();
    }

    private int invoke(String fn, Object... args) {
        Function f = library.getFunction(fn);
        return f.invokeInt(args);
    }

    private void check(String fn, Object... args) {
        int rv = invoke(fn, args);
        if (rv != SAR.OK) throw new SkfException(fn, rv);
    }

    /** What SKF_GetDevInfo says of a device. */
    public record DevInfo(String manufacturer, String issuer, String label, String serialNumber, int algAsymCap,
                          int algHashCap) {}

    /** SKF_GetPINInfo: the retry counters and whether the PIN is still the issuer's default. */
    public record PinInfo(int maxRetries, int remainingRetries, boolean defaultPin) {}

    /** A device event: {@link #EVENT_INSERTED}, {@link #EVENT_REMOVED}, or 0 (the wait was cancelled). */
    public record DevEvent(String deviceName, int event) {}
}
