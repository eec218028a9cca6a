package org.keybridge.pkcs11;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded PKCS#11 module and its C_Initialize/C_Finalize life cycle.
 *
 * <p>Why we own the life cycle: modules such as SoftHSM only see token changes after a fresh C_Initialize, and after a
 * removal their handles are dead. When a call reports the token gone, the module is marked stale and the next call
 * finalizes and re-initializes it, so a re-inserted token works without restarting the process. (SunPKCS11 cannot do
 * this: it caches a module per path and never calls C_Finalize.)
 *
 * <p>Every call into the module is serialized by one lock: many vendor modules are not safe to call from two threads,
 * USB keys handle one command at a time anyway, and a module initialized without locking skips its own mutexes
 * (measured on SoftHSM: about 5 % of an ECDSA signature). Re-initialization takes the same lock, so it never pulls a
 * module out from under a running call. Nor does it pull one out from under an open signing session: while a
 * session is {@linkplain #pin() pinned}, a stale mark only takes effect once the last session is unpinned. (Seen in
 * the bench: another process's C_Login rewrites SoftHSM's token file, the agent's watcher poll then fails once with
 * CKR_GENERAL_ERROR, and re-initializing at that moment killed a login that was between C_Login and C_Sign.)
 */
public final class Pkcs11Module implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pkcs11Module.class);

    private final ModuleSpec spec;
    private final Pkcs11Library library;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean initialized;
    private volatile boolean stale;
    private volatile long generation;
    private int pinned; // open sessions that re-initialization would kill; guarded by lock

    private Pkcs11Module(ModuleSpec spec, Pkcs11Library library) {
        this.spec = spec;
        this.library = library;
    }

    /** Loads and initializes the module. Throws {@link Pkcs11Exception} or {@link UnsatisfiedLinkError}. */
    public static Pkcs11Module open(ModuleSpec spec) {
        NativeEnvironment.apply(spec.environment());
        Pkcs11Module m = new Pkcs11Module(spec, Pkcs11Library.load(spec.library()));
        m.lock.lock();
        try {
            m.initializeLocked();
        } finally {
            m.lock.unlock();
        }
        return m;
    }

    public ModuleSpec spec() { return spec; }

    /** Increases with every re-initialization; sessions opened in an older generation are dead. */
    public long generation() { return generation; }

    /** Runs {@code op} against an initialized module, re-initializing first if a previous call found the token gone. */
    public <T> T call(Function<Pkcs11Library, T> op) {
        lock.lock();
        try {
            if (stale && pinned == 0) reinitializeLocked();
            return op.apply(library);
        } catch (Pkcs11Exception e) {
            if (e.tokenGone() || e.rv() == CK.CKR_GENERAL_ERROR) stale = true;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** The next call re-initializes the module (a token went away, or one may have arrived). */
    public void markStale() { stale = true; }

    public boolean isStale() { return stale; }

    /**
     * C_Finalize then C_Initialize: the module forgets every session and re-reads its tokens. While sessions are
     * pinned this only marks the module stale; the re-initialization happens at the first call after the last unpin.
     */
    public void reinitialize() {
        lock.lock();
        try {
            if (pinned > 0) stale = true;
            else reinitializeLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds off re-initialization for a session about to be opened and used; re-initializes first if stale, so the
     * session lives in the returned generation. Every pin needs one {@link #unpin()}.
     */
    public long pin() {
        lock.lock();
        try {
            if (stale && pinned == 0) reinitializeLocked();
            pinned++;
            return generation;
        } finally {
            lock.unlock();
        }
    }

    public void unpin() {
        lock.lock();
        try {
            if (pinned > 0) pinned--;
        } finally {
            lock.unlock();
        }
    }

    private void reinitializeLocked() {
        finalizeLocked();
        initializeLocked();
        generation++;
        log.debug("re-initialized PKCS#11 module {} (generation {})", spec.name(), generation);
    }

    private void initializeLocked() {
        NativeEnvironment.apply(spec.environment());
        try {
            library.initialize();
        } catch (Pkcs11Exception e) {
            if (e.rv() != CK.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw e;
            // someone else in this process (SunPKCS11) initialized it: usable, but we do not own its life cycle
        }
        initialized = true;
        stale = false;
    }

    /** C_Finalize if initialized; a module that fails it is treated as finalized anyway (it is gone or broken). */
    private void finalizeLocked() {
        if (!initialized) return;
        try {
            library.finalizeModule();
        } catch (Pkcs11Exception e) {
            log.debug("C_Finalize of {}: {}", spec.name(), e.getMessage());
        }
        initialized = false;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            finalizeLocked();
        } finally {
            lock.unlock();
        }
    }
}
