package org.keybridge.skf;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.error.PinException;
import org.keybridge.pkcs11.NativeEnvironment;
import org.keybridge.token.CertificateReader;
import org.keybridge.token.PinBytes;
import org.keybridge.token.PinFlag;
import org.keybridge.token.PinRequest;
import org.keybridge.token.PinSource;
import org.keybridge.token.PinState;
import org.keybridge.token.SigningSession;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded SKF library: its keys as {@link Token}s (device → application → container; a container's signing
 * certificate is usable, its encryption certificate is listed without a key), and logins to sign with them.
 * Every call into the library is serialized (a USB key handles one command at a time). A certificate's
 * {@code objectId} is {@code application/container}.
 */
public final class SkfModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SkfModule.class);

    private final SkfModuleSpec spec;
    private final SkfLibrary library;
    private final ReentrantLock lock = new ReentrantLock();

    private SkfModule(SkfModuleSpec spec, SkfLibrary library) {
        this.spec = spec;
        this.library = library;
    }

    /** Sets the environment and loads the library; throws {@link UnsatisfiedLinkError} when it cannot be loaded. */
    public static SkfModule open(SkfModuleSpec spec) {
        NativeEnvironment.apply(spec.environment());
        return new SkfModule(spec, SkfLibrary.load(spec.library(), spec.ulongSize()));
    }

    public SkfModuleSpec spec() { return spec; }

    /** Runs {@code op} alone against the library. */
    public <T> T call(Function<SkfLibrary, T> op) {
        lock.lock();
        try {
            return op.apply(library);
        } finally {
            lock.unlock();
        }
    }

    /** For the device-event thread only: SKF_WaitForDevEvent blocks and must not hold the call lock. */
    SkfLibrary library() { return library; }

    /** The keys present now, with their certificates. A key pulled out while being read is left out. */
    public List<Token> tokens(CertificateReader reader) {
        List<String> devices;
        try {
            devices = call(l -> l.enumDev(true));
        } catch (SkfException e) {
            throw SkfErrors.map(e, "listing the devices of " + spec.name());
        }
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String dev = devices.get(i);
            int slot = i;
            try {
                out.add(call(l -> readDevice(l, reader, dev, slot)));
            } catch (SkfException e) {
                log.debug("SKF device {} of {} skipped: {}", dev, spec.name(), e.getMessage());
            }
        }
        return out;
    }

    private Token readDevice(SkfLibrary l, CertificateReader reader, String devName, int slot) {
        Pointer dev = l.connectDev(devName);
        try {
            SkfLibrary.DevInfo info = l.getDevInfo(dev);
            List<TokenCertificate> certs = new ArrayList<>();
            PinState pinState = null;
            for (String appName : l.enumApplication(dev)) {
                Pointer app = l.openApplication(dev, appName);
                try {
                    if (pinState == null) pinState = pinState(l.getPinInfo(app, SkfLibrary.USER_PIN));
                    for (String conName : l.enumContainer(app)) {
                        Pointer con = l.openContainer(app, conName);
                        try {
                            readContainer(l, reader, con, info, slot, appName + "/" + conName, certs);
                        } finally {
                            l.closeContainer(con);
                        }
                    }
                } finally {
                    l.closeApplication(app);
                }
            }
            return new Token(spec.name(), slot, info.label(), info.manufacturer(), "SKF", info.serialNumber(),
                    pinState == null ? new PinState(EnumSet.noneOf(PinFlag.class)) : pinState, true, false, false,
                    0, 0, certs);
        } finally {
            l.disconnectDev(dev);
        }
    }

    private void readContainer(SkfLibrary l, CertificateReader reader, Pointer con, SkfLibrary.DevInfo info, int slot,
                               String objectId, List<TokenCertificate> certs) {
        for (boolean sign : new boolean[] {true, false}) {
            byte[] der = l.exportCertificate(con, sign);
            if (der == null) continue;
            boolean hasKey = sign && hasSigningKey(l, con);
            try {
                certs.add(reader.describe(spec.name(), slot, info.label(), info.serialNumber(), der, objectId,
                        objectId + (sign ? " (sign)" : " (encryption)"), hasKey));
            } catch (IllegalArgumentException e) {
                log.warn("unreadable certificate in {} on {}: {}", objectId, info.label(), e.getMessage());
            }
        }
    }

    private static boolean hasSigningKey(SkfLibrary l, Pointer con) {
        try {
            l.exportPublicKey(con, true);
            return true;
        } catch (SkfException e) {
            if (e.deviceGone()) throw e;
            return false;
        }
    }

    /** SKF_GetPINInfo as KeyBridge's PIN flags: fewer tries than the maximum, one left, none left, still the default. */
    static PinState pinState(SkfLibrary.PinInfo p) {
        EnumSet<PinFlag> s = EnumSet.noneOf(PinFlag.class);
        if (p.remainingRetries() == 0) s.add(PinFlag.LOCKED);
        else if (p.remainingRetries() == 1) s.add(PinFlag.FINAL_TRY);
        if (p.remainingRetries() > 0 && p.remainingRetries() < p.maxRetries()) s.add(PinFlag.COUNT_LOW);
        if (p.defaultPin()) s.add(PinFlag.TO_BE_CHANGED);
        return new PinState(s);
    }

    /**
     * Logs in to the key holding {@code cert}: a locked PIN is reported before anything is asked, otherwise the PIN is
     * asked once and verified once (SKF_VerifyPIN); a wrong PIN gives PIN_INCORRECT with the tries left. The session
     * releases {@code tokenLock} when closed.
     */
    public SigningSession login(TokenCertificate cert, PinSource pins, Semaphore tokenLock) {
        String[] where = cert.objectId().split("/", 2);
        if (where.length != 2) throw new KeyBridgeException(ErrorCode.NO_CERTIFICATE, "not an SKF certificate: " + cert.objectId());
        lock.lock();
        Pointer dev = null, app = null, con = null;
        try {
            dev = connectBySerial(cert);
            app = library.openApplication(dev, where[0]);
            PinState before = pinState(library.getPinInfo(app, SkfLibrary.USER_PIN));
            if (before.locked()) {
                throw new PinException(ErrorCode.PIN_LOCKED, "key " + cert.tokenLabel() + " reports its user PIN locked", before, 0);
            }
            char[] chars = pins.pinFor(new PinRequest(cert.tokenLabel(), cert.tokenSerial(), cert, before));
            if (chars == null) throw new PinException(ErrorCode.PIN_CANCELLED, "PIN entry cancelled", before);
            byte[] pin = PinBytes.utf8(chars);
            java.util.Arrays.fill(chars, '\0');
            try {
                library.verifyPin(app, SkfLibrary.USER_PIN, pin);
            } catch (SkfException e) {
                throw pinError(e, cert, app);
            } finally {
                java.util.Arrays.fill(pin, (byte) 0);
            }
            con = library.openContainer(app, where[1]);
            byte[] point = library.exportPublicKey(con, true);
            SigningSession s = new SkfSigningSession(this, cert, dev, app, con, point, tokenLock);
            dev = null; // handed over
            return s;
        } catch (SkfException e) {
            throw SkfErrors.map(e, "login to " + cert.tokenLabel());
        } finally {
            if (dev != null) closeQuietly(dev, app, con);
            lock.unlock();
        }
    }

    private PinException pinError(SkfException e, TokenCertificate cert, Pointer app) {
        PinState after;
        try {
            after = pinState(library.getPinInfo(app, SkfLibrary.USER_PIN));
        } catch (SkfException ignored) {
            after = new PinState(EnumSet.noneOf(PinFlag.class));
        }
        if (e.rv() == SAR.PIN_INCORRECT || e.rv() == SAR.PIN_INVALID || e.rv() == SAR.PIN_LEN_RANGE) {
            return new PinException(ErrorCode.PIN_INCORRECT, "wrong PIN for key " + cert.tokenLabel() + ", "
                    + e.retryCount() + " tries left " + after.ordered(), after, e.retryCount());
        }
        if (e.rv() == SAR.PIN_LOCKED) {
            return new PinException(ErrorCode.PIN_LOCKED, "key " + cert.tokenLabel() + " locked its PIN", after, 0);
        }
        throw SkfErrors.map(e, "PIN of " + cert.tokenLabel());
    }

    private Pointer connectBySerial(TokenCertificate cert) {
        for (String name : library.enumDev(true)) {
            Pointer dev = library.connectDev(name);
            if (library.getDevInfo(dev).serialNumber().equals(cert.tokenSerial())) return dev;
            library.disconnectDev(dev);
        }
        throw new KeyBridgeException(ErrorCode.TOKEN_REMOVED, "key " + cert.tokenLabel() + " is not inserted");
    }

    void closeQuietly(Pointer dev, Pointer app, Pointer con) {
        lock.lock();
        try {
            if (con != null) library.closeContainer(con);
            if (app != null) {
                library.clearSecureState(app);
                library.closeApplication(app);
            }
        } catch (SkfException e) {
            log.debug("closing SKF handles: {}", e.getMessage());
        } finally {
            try {
                library.disconnectDev(dev);
            } catch (SkfException e) {
                log.debug("disconnecting: {}", e.getMessage());
            }
            lock.unlock();
        }
    }

    @Override
    public void close() {
        // SKF has no library-wide finalize; JNA keeps the library loaded for the process
    }
}
