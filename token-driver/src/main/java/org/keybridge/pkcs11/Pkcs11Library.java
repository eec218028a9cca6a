package org.keybridge.pkcs11;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A thin JNA binding of one PKCS#11 module, reached through {@code C_GetFunctionList} only (some vendor modules
 * export nothing else). Methods mirror the C functions one to one, take Java types and throw {@link Pkcs11Exception}
 * on any return value but CKR_OK. No policy lives here: retries, locking and re-initialization are the caller's.
 */
public final class Pkcs11Library {
    // Slot of each function in CK_FUNCTION_LIST (PKCS#11 v2.40, after the CK_VERSION).
    private static final int C_Initialize = 0, C_Finalize = 1, C_GetInfo = 2, C_GetSlotList = 4, C_GetSlotInfo = 5,
            C_GetTokenInfo = 6, C_GetMechanismList = 7, C_InitToken = 9, C_InitPIN = 10, C_OpenSession = 12,
            C_CloseSession = 13, C_Login = 18, C_Logout = 19, C_CreateObject = 20, C_DestroyObject = 22,
            C_GetAttributeValue = 24, C_FindObjectsInit = 26, C_FindObjects = 27, C_FindObjectsFinal = 28,
            C_SignInit = 42, C_Sign = 43, C_GenerateKeyPair = 59;
    private static final String[] NAMES = new String[68];
    static {
        NAMES[C_Initialize] = "C_Initialize"; NAMES[C_Finalize] = "C_Finalize"; NAMES[C_GetInfo] = "C_GetInfo"; NAMES[C_GetSlotList] = "C_GetSlotList";
        NAMES[C_GetSlotInfo] = "C_GetSlotInfo"; NAMES[C_GetTokenInfo] = "C_GetTokenInfo";
        NAMES[C_GetMechanismList] = "C_GetMechanismList"; NAMES[C_InitToken] = "C_InitToken"; NAMES[C_InitPIN] = "C_InitPIN";
        NAMES[C_OpenSession] = "C_OpenSession"; NAMES[C_CloseSession] = "C_CloseSession"; NAMES[C_Login] = "C_Login";
        NAMES[C_Logout] = "C_Logout"; NAMES[C_CreateObject] = "C_CreateObject"; NAMES[C_DestroyObject] = "C_DestroyObject";
        NAMES[C_GetAttributeValue] = "C_GetAttributeValue"; NAMES[C_FindObjectsInit] = "C_FindObjectsInit";
        NAMES[C_FindObjects] = "C_FindObjects"; NAMES[C_FindObjectsFinal] = "C_FindObjectsFinal";
        NAMES[C_SignInit] = "C_SignInit"; NAMES[C_Sign] = "C_Sign"; NAMES[C_GenerateKeyPair] = "C_GenerateKeyPair";
    }

    /** CK_ULONG is 8 bytes on LP64 Unix, 4 on Windows; Windows modules are also packed to 1 byte. */
    static final int ULONG = NativeLong.SIZE;
    static final int PTR = Native.POINTER_SIZE;
    static final boolean PACKED = Platform.isWindows();

    private final String path;
    /** Held so the library is never unloaded (dlclose) while its function pointers are in use. */
    private final NativeLibrary library;
    private final Function[] functions = new Function[68];
    /** C_SignInit and C_Sign through {@link DirectSign} (fast path) rather than the function list. */
    private final boolean directSign;

    private Pkcs11Library(String path, NativeLibrary library, Pointer functionList) {
        this.path = path;
        this.library = library;
        long offset = align(2, PTR); // CK_VERSION {major, minor} then the pointers
        for (int i = 0; i < functions.length; i++) {
            Pointer p = functionList.getPointer(offset + (long) i * PTR);
            functions[i] = p == null ? null : Function.getFunction(p);
        }
        directSign = !Boolean.getBoolean("keybridge.pkcs11.genericSign")
                && DirectSign.bind(library, functions[C_SignInit], functions[C_Sign]);
    }

    /**
     * dlopen flags: RTLD_LAZY | RTLD_LOCAL on Unix. JNA's default adds RTLD_GLOBAL, which lets the C_* symbols of one
     * module interpose on the next one loaded (OpenSC's then SoftHSM's in one process broke SoftHSM's token creation).
     */
    private static final int OPEN_FLAGS = Platform.isWindows() ? -1 : Platform.isMac() ? 0x1 | 0x4 : 0x1;

    /** Loads the module and reads its function list. Does not call C_Initialize. */
    public static Pkcs11Library load(String path) {
        NativeLibrary lib = NativeLibrary.getInstance(path, java.util.Map.of(com.sun.jna.Library.OPTION_OPEN_FLAGS, OPEN_FLAGS));
        PointerByReference list = new PointerByReference();
        Function getFunctionList = lib.getFunction("C_GetFunctionList");
        long rv = toRv(getFunctionList, new Object[] {list});
        if (rv != CK.CKR_OK) throw new Pkcs11Exception("C_GetFunctionList", rv);
        return new Pkcs11Library(path, lib, list.getValue());
    }

    public String path() { return path; }

    /** Whether signatures take the direct-mapped fast path (see {@link DirectSign}). */
    public boolean directSign() { return directSign; }

    /** The loaded library, for vendor functions outside the standard list. */
    public NativeLibrary nativeLibrary() { return library; }

    // ---- general ----

    /**
     * C_Initialize without locking arguments: the caller promises not to call in from two threads at once
     * ({@link Pkcs11Module} serializes every call), so the module runs without its own mutexes.
     */
    public void initialize() { check(C_Initialize, Pointer.NULL); }

    public void finalizeModule() { check(C_Finalize, Pointer.NULL); }

    /** CK_INFO: the module's Cryptoki version, manufacturer, description and library version. */
    public RawInfo getInfo() {
        Memory m = new Memory(128);
        m.clear();
        check(C_GetInfo, m);
        long flagsAt = align(2 + 32, ULONG); // CK_VERSION, manufacturerID[32], then flags
        long descriptionAt = flagsAt + ULONG, libraryVersionAt = descriptionAt + 32;
        return new RawInfo((m.getByte(0) & 0xFF) + "." + (m.getByte(1) & 0xFF), text(m, 2, 32), text(m, descriptionAt, 32),
                (m.getByte(libraryVersionAt) & 0xFF) + "." + (m.getByte(libraryVersionAt + 1) & 0xFF));
    }

    public long[] getSlotList(boolean tokenPresent) {
        NativeLongByReference count = new NativeLongByReference();
        for (int attempt = 0; ; attempt++) {
            check(C_GetSlotList, bool(tokenPresent), Pointer.NULL, count);
            int n = count.getValue().intValue();
            if (n == 0) return new long[0];
            Memory slots = new Memory((long) n * ULONG);
            long rv = call(C_GetSlotList, bool(tokenPresent), slots, count);
            if (rv == CK.CKR_BUFFER_TOO_SMALL && attempt < 3) continue; // a token arrived in between
            if (rv != CK.CKR_OK) throw new Pkcs11Exception("C_GetSlotList", rv);
            return readUlongs(slots, count.getValue().intValue());
        }
    }

    public RawSlotInfo getSlotInfo(long slot) {
        Memory m = new Memory(256);
        m.clear();
        check(C_GetSlotInfo, new NativeLong(slot), m);
        long flagsAt = align(96, ULONG);
        return new RawSlotInfo(text(m, 0, 64), text(m, 64, 32), m.getNativeLong(flagsAt).longValue());
    }

    public RawTokenInfo getTokenInfo(long slot) {
        Memory m = new Memory(512);
        m.clear();
        check(C_GetTokenInfo, new NativeLong(slot), m);
        long flagsAt = align(96, ULONG);
        long[] counts = new long[10];
        for (int i = 0; i < counts.length; i++) counts[i] = m.getNativeLong(flagsAt + (long) (i + 1) * ULONG).longValue();
        return new RawTokenInfo(text(m, 0, 32), text(m, 32, 32), text(m, 64, 16), text(m, 80, 16),
                m.getNativeLong(flagsAt).longValue(), counts[5], counts[4]);
    }

    public long[] getMechanismList(long slot) {
        NativeLongByReference count = new NativeLongByReference();
        check(C_GetMechanismList, new NativeLong(slot), Pointer.NULL, count);
        int n = count.getValue().intValue();
        if (n == 0) return new long[0];
        Memory list = new Memory((long) n * ULONG);
        check(C_GetMechanismList, new NativeLong(slot), list, count);
        return readUlongs(list, count.getValue().intValue());
    }

    /** Initializes a token (SO PIN, 32-byte blank-padded UTF-8 label). Used to make demo keys. */
    public void initToken(long slot, byte[] soPin, String label) {
        Memory pin = bytes(soPin);
        try {
            check(C_InitToken, new NativeLong(slot), pin, new NativeLong(soPin.length), bytes(paddedLabel(label)));
        } finally {
            pin.clear();
        }
    }

    public void initPin(long session, byte[] userPin) {
        Memory pin = bytes(userPin);
        try {
            check(C_InitPIN, new NativeLong(session), pin, new NativeLong(userPin.length));
        } finally {
            pin.clear();
        }
    }

    // ---- sessions ----

    public long openSession(long slot, boolean readWrite) {
        NativeLongByReference handle = new NativeLongByReference();
        long flags = CK.CKF_SERIAL_SESSION | (readWrite ? CK.CKF_RW_SESSION : 0);
        check(C_OpenSession, new NativeLong(slot), new NativeLong(flags), Pointer.NULL, Pointer.NULL, handle);
        return handle.getValue().longValue();
    }

    public void closeSession(long session) { check(C_CloseSession, new NativeLong(session)); }

    /** One C_Login; a null PIN means the token's protected authentication path (PIN pad). */
    public void login(long session, long userType, byte[] pin) {
        if (pin == null) {
            check(C_Login, new NativeLong(session), new NativeLong(userType), Pointer.NULL, new NativeLong(0));
            return;
        }
        Memory m = bytes(pin);
        try {
            check(C_Login, new NativeLong(session), new NativeLong(userType), m, new NativeLong(pin.length));
        } finally {
            m.clear(); // the PIN copy in native memory must not outlive the call
        }
    }

    public void logout(long session) { check(C_Logout, new NativeLong(session)); }

    // ---- objects ----

    public long[] findObjects(long session, Attribute... template) {
        AttributeTemplate t = AttributeTemplate.of(template);
        check(C_FindObjectsInit, new NativeLong(session), t.pointer(), new NativeLong(t.count()));
        try {
            long[] found = new long[0];
            Memory batch = new Memory(32L * ULONG);
            NativeLongByReference n = new NativeLongByReference();
            while (true) {
                check(C_FindObjects, new NativeLong(session), batch, new NativeLong(32), n);
                int got = n.getValue().intValue();
                if (got == 0) return found;
                long[] more = readUlongs(batch, got);
                found = Arrays.copyOf(found, found.length + got);
                System.arraycopy(more, 0, found, found.length - got, got);
            }
        } finally {
            call(C_FindObjectsFinal, new NativeLong(session));
        }
    }

    /** Values of the given attributes; null for an attribute the object does not have or will not reveal. */
    public byte[][] getAttributeValues(long session, long object, long... types) {
        AttributeTemplate sizes = AttributeTemplate.lengthsOnly(types);
        long rv = call(C_GetAttributeValue, new NativeLong(session), new NativeLong(object), sizes.pointer(),
                new NativeLong(types.length));
        // SENSITIVE / TYPE_INVALID still fill the other lengths (marked CK_UNAVAILABLE_INFORMATION)
        if (rv != CK.CKR_OK && rv != CK.CKR_ATTRIBUTE_SENSITIVE && rv != CK.CKR_ATTRIBUTE_TYPE_INVALID) {
            throw new Pkcs11Exception("C_GetAttributeValue", rv);
        }
        AttributeTemplate values = AttributeTemplate.withBuffers(types, sizes.lengths());
        rv = call(C_GetAttributeValue, new NativeLong(session), new NativeLong(object), values.pointer(),
                new NativeLong(types.length));
        if (rv != CK.CKR_OK && rv != CK.CKR_ATTRIBUTE_SENSITIVE && rv != CK.CKR_ATTRIBUTE_TYPE_INVALID) {
            throw new Pkcs11Exception("C_GetAttributeValue", rv);
        }
        return values.values();
    }

    public long createObject(long session, Attribute... template) {
        AttributeTemplate t = AttributeTemplate.of(template);
        NativeLongByReference handle = new NativeLongByReference();
        check(C_CreateObject, new NativeLong(session), t.pointer(), new NativeLong(t.count()), handle);
        return handle.getValue().longValue();
    }

    public void destroyObject(long session, long object) {
        check(C_DestroyObject, new NativeLong(session), new NativeLong(object));
    }

    /** Generates a key pair on the token; returns {public handle, private handle}. */
    public long[] generateKeyPair(long session, Mechanism mechanism, Attribute[] publicTemplate, Attribute[] privateTemplate) {
        AttributeTemplate pub = AttributeTemplate.of(publicTemplate), priv = AttributeTemplate.of(privateTemplate);
        NativeLongByReference pubHandle = new NativeLongByReference(), privHandle = new NativeLongByReference();
        check(C_GenerateKeyPair, new NativeLong(session), mechanism.pointer(), pub.pointer(), new NativeLong(pub.count()),
                priv.pointer(), new NativeLong(priv.count()), pubHandle, privHandle);
        return new long[] {pubHandle.getValue().longValue(), privHandle.getValue().longValue()};
    }

    // ---- signing ----

    public void signInit(long session, Mechanism mechanism, long key) {
        if (directSign) {
            long rv = DirectSign.C_SignInit(session, mechanism.pointer(), key);
            if (rv != CK.CKR_OK) throw new Pkcs11Exception("C_SignInit", rv);
            return;
        }
        check(C_SignInit, ul(session), mechanism.pointer(), ul(key));
    }

    /**
     * Single-part C_Sign from {@code data[0..dataLength)} into {@code out}; returns the signature length. The buffers
     * are native so a signing loop allocates nothing per call.
     */
    public int sign(long session, Memory data, int dataLength, Memory out, NativeLongByReference outLength) {
        outLength.setValue(new NativeLong(out.size()));
        if (directSign) {
            long rv = DirectSign.C_Sign(session, data, dataLength, out, outLength.getPointer());
            if (rv != CK.CKR_OK) throw new Pkcs11Exception("C_Sign", rv);
        } else {
            check(C_Sign, ul(session), data, ul(dataLength), out, outLength);
        }
        return outLength.getValue().intValue();
    }

    // ---- plumbing ----

    private void check(int index, Object... args) {
        long rv = call(index, args);
        if (rv != CK.CKR_OK) throw new Pkcs11Exception(NAMES[index], rv);
    }

    private long call(int index, Object... args) {
        Function f = functions[index];
        if (f == null) return CK.CKR_FUNCTION_NOT_SUPPORTED;
        return toRv(f, args);
    }

    private static long toRv(Function f, Object[] args) {
        return ULONG == 8 ? f.invokeLong(args) : f.invokeInt(args) & 0xFFFFFFFFL;
    }

    /** A CK_ULONG argument: a plain long where CK_ULONG is 64-bit (no NativeLong to allocate and convert). */
    private static Object ul(long v) { return ULONG == 8 ? (Object) v : new NativeLong(v); }

    private static byte bool(boolean b) { return (byte) (b ? 1 : 0); }

    static long align(long offset, int size) {
        return PACKED ? offset : (offset + size - 1) / size * size;
    }

    static Memory bytes(byte[] b) {
        Memory m = new Memory(Math.max(1, b.length));
        m.write(0, b, 0, b.length);
        return m;
    }

    private static long[] readUlongs(Memory m, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = m.getNativeLong((long) i * ULONG).longValue();
        return out;
    }

    /** Blank-padded UTF-8 text field; strips padding and trailing NULs some modules leave. */
    private static String text(Memory m, long offset, int length) {
        byte[] b = m.getByteArray(offset, length);
        int end = b.length;
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == 0)) end--;
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** 32 bytes, UTF-8, blank padded; cut at a character boundary if the label is longer. */
    static byte[] paddedLabel(String label) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) ' ');
        int used = 0;
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            byte[] c = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (used + c.length > 32) break;
            System.arraycopy(c, 0, out, used, c.length);
            used += c.length;
            i += Character.charCount(cp);
        }
        return out;
    }

    /** CK_INFO, versions written major.minor. */
    public record RawInfo(String cryptokiVersion, String manufacturer, String libraryDescription, String libraryVersion) {}

    /** CK_SLOT_INFO fields KeyBridge reads. */
    public record RawSlotInfo(String description, String manufacturer, long flags) {}

    /** CK_TOKEN_INFO fields KeyBridge reads. */
    public record RawTokenInfo(String label, String manufacturer, String model, String serialNumber, long flags,
                               long minPinLength, long maxPinLength) {}
}
