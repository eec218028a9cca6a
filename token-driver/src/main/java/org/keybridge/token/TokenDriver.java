package org.keybridge.token;

import org.keybridge.format.KeyType;
import org.keybridge.format.SignatureAlgorithm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.error.PinException;
import org.keybridge.pkcs11.Attribute;
import org.keybridge.pkcs11.CK;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.pkcs11.Pkcs11Exception;
import org.keybridge.pkcs11.Pkcs11Library;
import org.keybridge.pkcs11.Pkcs11Module;
import org.keybridge.skf.SkfDeviceWatcher;
import org.keybridge.skf.SkfModule;
import org.keybridge.skf.SkfModuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys on this machine: the tokens of the configured PKCS#11 modules, their certificates, and logins to sign
 * with them. Thread-safe. One login per token at a time (others wait up to {@code busyTimeout}, then BUSY), a PIN is
 * asked once and tried once, and a token that disappears gives TOKEN_REMOVED and works again once it is back.
 */
public final class TokenDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenDriver.class);

    private final Map<String, Pkcs11Module> modules = new LinkedHashMap<>();
    private final Map<String, SkfModule> skfModules = new LinkedHashMap<>();
    private final List<ModuleState> states = new ArrayList<>();
    private final DriverOptions options;
    private final Map<String, Semaphore> tokenLocks = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> mechanisms = new ConcurrentHashMap<>();

    private final CertificateReader reader;

    private TokenDriver(DriverOptions options) {
        this.options = options;
        this.reader = new CertificateReader(options);
    }

    /** Loads every module; one that fails to load is reported by {@link #modules()}, not thrown. */
    public static TokenDriver open(List<ModuleSpec> specs, DriverOptions options) {
        return open(specs, List.of(), options);
    }

    /** PKCS#11 modules and SKF libraries side by side; their tokens are listed and used alike. */
    public static TokenDriver open(List<ModuleSpec> specs, List<SkfModuleSpec> skfSpecs, DriverOptions options) {
        TokenDriver d = new TokenDriver(options);
        for (SkfModuleSpec spec : skfSpecs) {
            try {
                d.skfModules.put(spec.name(), SkfModule.open(spec));
                d.states.add(new ModuleState(spec.name(), spec.library(), true, null));
            } catch (UnsatisfiedLinkError e) {
                log.warn("SKF library {} ({}) did not load: {}", spec.name(), spec.library(), e.getMessage());
                d.states.add(new ModuleState(spec.name(), spec.library(), false, e.getMessage()));
            }
        }
        for (ModuleSpec spec : specs) {
            try {
                d.modules.put(spec.name(), Pkcs11Module.open(spec));
                d.states.add(new ModuleState(spec.name(), spec.library(), true, null));
            } catch (Pkcs11Exception | UnsatisfiedLinkError e) {
                log.warn("PKCS#11 module {} ({}) did not load: {}", spec.name(), spec.library(), e.getMessage());
                d.states.add(new ModuleState(spec.name(), spec.library(), false, e.getMessage()));
            }
        }
        return d;
    }

    /** A module's SM2 mechanism map: its spec's, else the options' source (the catalog's per-module map). */
    private Map<String, Long> sm2Mechanisms(ModuleSpec spec) {
        if (!spec.sm2Mechanisms().isEmpty()) return spec.sm2Mechanisms();
        Map<String, Long> fromSource = options.sm2Mechanisms().apply(spec);
        return fromSource == null ? Map.of() : fromSource;
    }

    public DriverOptions options() { return options; }

    public List<ModuleState> modules() { return List.copyOf(states); }

    /** Every slot of every loaded module, with or without a token. */
    public List<TokenSlot> slots() {
        List<TokenSlot> out = new ArrayList<>();
        for (Pkcs11Module m : loaded()) {
            long[] ids = m.call(l -> l.getSlotList(false));
            for (long id : ids) {
                try {
                    Pkcs11Library.RawSlotInfo s = m.call(l -> l.getSlotInfo(id));
                    out.add(new TokenSlot(m.spec().name(), id, s.description(), s.manufacturer(),
                            (s.flags() & CK.CKF_TOKEN_PRESENT) != 0, (s.flags() & CK.CKF_REMOVABLE_DEVICE) != 0,
                            (s.flags() & CK.CKF_HW_SLOT) != 0));
                } catch (Pkcs11Exception e) {
                    log.debug("slot {} of {}: {}", id, m.spec().name(), e.getMessage());
                }
            }
        }
        return out;
    }

    /** The initialized tokens present now, with their certificates. */
    public List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        for (Pkcs11Module m : loaded()) {
            long[] ids;
            try {
                ids = m.call(l -> l.getSlotList(true));
            } catch (Pkcs11Exception e) {
                throw Pkcs11Errors.map(e, "listing slots of " + m.spec().name());
            }
            for (long slot : ids) {
                // Read twice before calling a token absent: a module may fail one read while another thread or
                // process writes the token (SoftHSM rewrites its file at each C_Login), and a token dropped from
                // one listing is a false token-removed event and a login refused for want of its certificate.
                // Reading involves no PIN, so a second attempt costs nothing but time.
                Pkcs11Exception failed = null;
                for (int attempt = 0; attempt < 2; attempt++) {
                    try {
                        Pkcs11Library.RawTokenInfo ti = m.call(l -> l.getTokenInfo(slot));
                        if ((ti.flags() & CK.CKF_TOKEN_INITIALIZED) != 0) out.add(readToken(m, slot, ti)); // else SoftHSM's spare slot
                        failed = null;
                        break;
                    } catch (Pkcs11Exception e) {
                        failed = e;
                    }
                }
                if (failed != null) {
                    // a token that went away while we listed it is simply not there
                    log.debug("token in slot {} of {} skipped: {}", slot, m.spec().name(), failed.getMessage());
                }
            }
        }
        for (SkfModule m : skfModules.values()) out.addAll(m.tokens(reader));
        return out;
    }

    public List<TokenCertificate> certificates() {
        return tokens().stream().flatMap(t -> t.certificates().stream()).toList();
    }

    /** The certificate with this id; re-initializes the modules once when it is not found (a key may have arrived). */
    public TokenCertificate certificate(String id) {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (TokenCertificate c : certificates()) if (c.id().equalsIgnoreCase(id)) return c;
            if (attempt == 0) refresh();
        }
        throw new KeyBridgeException(loaded().isEmpty() && skfModules.isEmpty() ? ErrorCode.MODULE_LOAD_FAILED : ErrorCode.NO_CERTIFICATE,
                "no certificate with id " + id);
    }

    /**
     * Device events of the SKF libraries (SKF_WaitForDevEvent), one watcher thread per library; PKCS#11 tokens are
     * seen by polling {@link #tokens()}. Close the result to stop them.
     */
    public AutoCloseable watchSkfDevices(java.util.function.Consumer<SkfDeviceWatcher.Event> listener) {
        List<SkfDeviceWatcher> ws = skfModules.values().stream().map(m -> SkfDeviceWatcher.start(m, listener)).toList();
        return () -> ws.forEach(SkfDeviceWatcher::close);
    }

    /** Re-initializes every module so that tokens inserted or removed since are seen. */
    public void refresh() {
        for (Pkcs11Module m : loaded()) {
            try {
                m.reinitialize();
            } catch (Pkcs11Exception e) {
                log.warn("re-initializing {}: {}", m.spec().name(), e.getMessage());
            }
        }
        mechanisms.clear();
    }

    /**
     * Logs in to the token holding certificate {@code certificateId}: checks the PIN state first (a locked PIN is
     * reported without any attempt), asks {@code pins} once, makes exactly one C_Login. The session holds the token
     * until closed.
     */
    public SigningSession login(String certificateId, PinSource pins) {
        return login(certificate(certificateId), pins);
    }

    /** As {@link #login(String, PinSource)}, for a certificate the caller has just listed (saves a second listing). */
    public SigningSession login(TokenCertificate cert, PinSource pins) {
        Pkcs11Module m = modules.get(cert.module());
        SkfModule skf = skfModules.get(cert.module());
        Semaphore lock = acquire(cert.module(), cert.tokenSerial(), cert.tokenLabel());
        boolean handedOver = false;
        try {
            SigningSession s = skf != null ? skf.login(cert, pins, lock) : loginLocked(m, cert, pins, lock);
            handedOver = true;
            return s;
        } finally {
            if (!handedOver) lock.release();
        }
    }

    /** The token's lock (one operation per token at a time); BUSY after the wait bound. */
    private Semaphore acquire(String module, String serial, String label) {
        Semaphore lock = tokenLocks.computeIfAbsent(module + "/" + serial, k -> new Semaphore(1));
        try {
            if (!lock.tryAcquire(options.busyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new KeyBridgeException(ErrorCode.BUSY, "token " + label + " is in use");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyBridgeException(ErrorCode.BUSY, "interrupted while waiting for token " + label);
        }
        return lock;
    }

    /**
     * Changes the user PIN of {@code token} with exactly one C_SetPIN in a read-write public session, never a second
     * try. A locked PIN is reported before any attempt; a wrong old PIN gives PIN_INCORRECT with the counters read
     * after it; a new PIN the token refuses (length, characters) gives PIN_INVALID. Both arrays are wiped.
     */
    public void changePin(Token token, char[] oldPin, char[] newPin) {
        byte[] o = PinBytes.utf8(oldPin), n = PinBytes.utf8(newPin);
        Arrays.fill(oldPin, '\0');
        Arrays.fill(newPin, '\0');
        Pkcs11Module m = modules.get(token.module());
        if (m == null) {
            Arrays.fill(o, (byte) 0);
            Arrays.fill(n, (byte) 0);
            throw new KeyBridgeException(ErrorCode.NO_TOKEN, "no module " + token.module());
        }
        Semaphore lock = acquire(token.module(), token.serialNumber(), token.label());
        try {
            long slot = token.slotId();
            Pkcs11Library.RawTokenInfo info = m.call(l -> l.getTokenInfo(slot));
            if (!info.serialNumber().equals(token.serialNumber())) {
                throw new KeyBridgeException(ErrorCode.TOKEN_REMOVED, "slot " + slot + " now holds another token");
            }
            PinState before = PinState.fromTokenFlags(info.flags());
            if (before.locked()) {
                throw new PinException(ErrorCode.PIN_LOCKED, "token " + info.label() + " reports its user PIN locked", before);
            }
            long session = m.call(l -> l.openSession(slot, true));
            try {
                m.call(l -> {
                    l.setPin(session, o, n);
                    return null;
                });
            } catch (Pkcs11Exception e) {
                long rv = e.rv();
                PinState after = pinStateAfter(m, slot);
                if (rv == CK.CKR_PIN_INCORRECT) {
                    throw new PinException(ErrorCode.PIN_INCORRECT, "wrong old PIN for token " + token.label() + " "
                            + after.ordered(), after);
                }
                if (rv == CK.CKR_PIN_INVALID || rv == CK.CKR_PIN_LEN_RANGE) {
                    throw new PinException(ErrorCode.PIN_INVALID, "token " + token.label() + " refused the new PIN: "
                            + CK.rvName(rv), after);
                }
                if (rv == CK.CKR_PIN_LOCKED) throw new PinException(ErrorCode.PIN_LOCKED, "token " + token.label() + " locked its PIN", after);
                throw Pkcs11Errors.map(e, "changing the PIN of " + token.label());
            } finally {
                closeQuietly(m, session);
            }
        } catch (Pkcs11Exception e) {
            throw Pkcs11Errors.map(e, "changing the PIN of " + token.label());
        } finally {
            Arrays.fill(o, (byte) 0);
            Arrays.fill(n, (byte) 0);
            lock.release();
        }
    }

    /** Convenience: one login, one signature, logout. */
    public byte[] sign(String certificateId, SignatureAlgorithm alg, EcdsaEncoding encoding, byte[] data, PinSource pins) {
        try (SigningSession s = login(certificateId, pins)) {
            return s.sign(alg, data, encoding);
        }
    }

    private SigningSession loginLocked(Pkcs11Module m, TokenCertificate cert, PinSource pins, Semaphore lock) {
        long slot = cert.slotId();
        Pkcs11Library.RawTokenInfo info;
        try {
            info = m.call(l -> l.getTokenInfo(slot));
        } catch (Pkcs11Exception e) {
            throw Pkcs11Errors.map(e, "reading token " + cert.tokenLabel());
        }
        PinState before = PinState.fromTokenFlags(info.flags());
        if (before.locked()) {
            throw new PinException(ErrorCode.PIN_LOCKED, "token " + info.label() + " reports its user PIN locked", before);
        }
        boolean pinPad = (info.flags() & CK.CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
        byte[] pin = null;
        if (!pinPad) {
            char[] chars = pins.pinFor(new PinRequest(info.label(), info.serialNumber(), cert, before));
            if (chars == null) throw new PinException(ErrorCode.PIN_CANCELLED, "PIN entry cancelled", before);
            pin = PinBytes.utf8(chars);
            Arrays.fill(chars, '\0');
        }
        long generation = m.pin(); // no re-initialization may kill the session between C_Login and C_Sign
        long session;
        try {
            session = m.call(l -> l.openSession(slot, false));
        } catch (Pkcs11Exception e) {
            m.unpin();
            if (pin != null) Arrays.fill(pin, (byte) 0);
            throw Pkcs11Errors.map(e, "opening a session on " + cert.tokenLabel());
        }
        try {
            loginOnce(m, session, pin, info.label(), slot);
            long key = findPrivateKey(m, session, cert);
            Set<Long> mechs = mechanisms.computeIfAbsent(m.spec().name() + "/" + slot + "/" + generation,
                    k -> toSet(m.call(l -> l.getMechanismList(slot))));
            return new Pkcs11SigningSession(m, generation, session, key, cert, mechs, lock,
                    cert.keyType() == KeyType.SM2 ? sm2Mechanisms(m.spec()) : Map.of());
        } catch (RuntimeException e) {
            closeQuietly(m, session);
            m.unpin();
            throw e;
        } finally {
            if (pin != null) Arrays.fill(pin, (byte) 0);
        }
    }

    /** Exactly one C_Login with the PIN given; never a second try. */
    private void loginOnce(Pkcs11Module m, long session, byte[] pin, String label, long slot) {
        try {
            m.call(l -> {
                l.login(session, CK.CKU_USER, pin);
                return null;
            });
        } catch (Pkcs11Exception e) {
            long rv = e.rv();
            if (rv == CK.CKR_USER_ALREADY_LOGGED_IN) {
                // a login of ours that outlived its session: the PIN given now was not checked, so never trust it
                throw new KeyBridgeException(ErrorCode.TOKEN_ERROR, "token " + label + " already logged in; retry", e);
            }
            PinState after = pinStateAfter(m, slot);
            if (rv == CK.CKR_PIN_INCORRECT || rv == CK.CKR_PIN_INVALID || rv == CK.CKR_PIN_LEN_RANGE) {
                throw new PinException(ErrorCode.PIN_INCORRECT, "wrong PIN for token " + label + " " + after.ordered(), after);
            }
            if (rv == CK.CKR_PIN_LOCKED) throw new PinException(ErrorCode.PIN_LOCKED, "token " + label + " locked its PIN", after);
            if (rv == CK.CKR_PIN_EXPIRED) throw new PinException(ErrorCode.PIN_EXPIRED, "PIN of " + label + " expired", after);
            if (rv == CK.CKR_FUNCTION_CANCELED || rv == CK.CKR_CANCEL) {
                throw new PinException(ErrorCode.PIN_CANCELLED, "PIN entry cancelled on the device", after);
            }
            throw Pkcs11Errors.map(e, "login to " + label);
        }
    }

    private static PinState pinStateAfter(Pkcs11Module m, long slot) {
        try {
            return PinState.fromTokenFlags(m.call(l -> l.getTokenInfo(slot)).flags());
        } catch (Pkcs11Exception e) {
            return new PinState(Set.of());
        }
    }

    /**
     * The private key behind the certificate, in the logged-in session. Searched twice before NO_PRIVATE_KEY: a module
     * may miss objects in one search while another thread or process rewrites the token (SoftHSM re-reads its files
     * then; seen under load as a login refused with NO_PRIVATE_KEY). The session is already logged in, so the second
     * search asks for no PIN.
     */
    private static long findPrivateKey(Pkcs11Module m, long session, TokenCertificate cert) {
        byte[] id = HexFormat.of().parseHex(cert.objectId());
        for (int attempt = 0; ; attempt++) {
            long[] keys;
            try {
                keys = m.call(l -> l.findObjects(session, Attribute.ulong(CK.CKA_CLASS, CK.CKO_PRIVATE_KEY),
                        Attribute.of(CK.CKA_ID, id)));
            } catch (Pkcs11Exception e) {
                if (attempt == 0 && !e.tokenGone()) continue;
                throw Pkcs11Errors.map(e, "finding the private key of " + cert.label());
            }
            if (keys.length > 0) return keys[0];
            if (attempt > 0) {
                throw new KeyBridgeException(ErrorCode.NO_PRIVATE_KEY, "no private key with CKA_ID " + cert.objectId()
                        + " on " + cert.tokenLabel());
            }
        }
    }

    private Token readToken(Pkcs11Module m, long slot, Pkcs11Library.RawTokenInfo ti) {
        long session = m.call(l -> l.openSession(slot, false));
        List<TokenCertificate> certs = new ArrayList<>();
        try {
            Set<String> keyIds = new HashSet<>();
            for (long cls : new long[] {CK.CKO_PRIVATE_KEY, CK.CKO_PUBLIC_KEY}) {
                for (long h : m.call(l -> l.findObjects(session, Attribute.ulong(CK.CKA_CLASS, cls)))) {
                    byte[] id = m.call(l -> l.getAttributeValues(session, h, CK.CKA_ID))[0];
                    if (id != null) keyIds.add(HexFormat.of().formatHex(id));
                }
            }
            long[] handles = m.call(l -> l.findObjects(session, Attribute.ulong(CK.CKA_CLASS, CK.CKO_CERTIFICATE),
                    Attribute.ulong(CK.CKA_CERTIFICATE_TYPE, CK.CKC_X_509)));
            for (long h : handles) {
                byte[][] v = m.call(l -> l.getAttributeValues(session, h, CK.CKA_VALUE, CK.CKA_ID, CK.CKA_LABEL));
                if (v[0] == null) continue;
                try {
                    certs.add(describe(m.spec().name(), slot, ti, v[0], v[1] == null ? new byte[0] : v[1],
                            v[2] == null ? "" : new String(v[2], StandardCharsets.UTF_8), keyIds));
                } catch (IllegalArgumentException e) {
                    log.warn("unreadable certificate object on {}: {}", ti.label(), e.getMessage());
                }
            }
        } finally {
            closeQuietly(m, session);
        }
        return new Token(m.spec().name(), slot, ti.label(), ti.manufacturer(), ti.model(), ti.serialNumber(),
                PinState.fromTokenFlags(ti.flags()), (ti.flags() & CK.CKF_LOGIN_REQUIRED) != 0,
                (ti.flags() & CK.CKF_PROTECTED_AUTHENTICATION_PATH) != 0, (ti.flags() & CK.CKF_WRITE_PROTECTED) != 0,
                ti.minPinLength(), ti.maxPinLength(), certs);
    }

    private TokenCertificate describe(String module, long slot, Pkcs11Library.RawTokenInfo ti, byte[] der, byte[] ckaId,
                                      String label, Set<String> keyIds) {
        String objectId = HexFormat.of().formatHex(ckaId);
        return reader.describe(module, slot, ti.label(), ti.serialNumber(), der, objectId, label, keyIds.contains(objectId));
    }

    private List<Pkcs11Module> loaded() { return List.copyOf(modules.values()); }

    static void closeQuietly(Pkcs11Module m, long session) {
        try {
            m.call(l -> {
                l.closeSession(session);
                return null;
            });
        } catch (Pkcs11Exception e) {
            log.debug("closing session: {}", e.getMessage());
        }
    }

    private static Set<Long> toSet(long[] values) {
        Set<Long> s = new HashSet<>();
        for (long v : values) s.add(v);
        return Set.copyOf(s);
    }

    @Override
    public void close() {
        modules.values().forEach(Pkcs11Module::close);
    }
}
