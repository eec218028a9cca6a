package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.format.KeyType;

import com.sun.jna.Memory;
import com.sun.jna.ptr.NativeLongByReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pkcs11.CK;
import org.keybridge.pkcs11.Mechanism;
import org.keybridge.pkcs11.Pkcs11Exception;
import org.keybridge.pkcs11.Pkcs11Module;

/**
 * A logged-in PKCS#11 session on one token, signing with the key of one certificate. Holds the token until closed (logout).
 * Uses the token's combined hash-and-sign mechanism when it has one, and otherwise hashes in Java and uses the raw
 * mechanism (SoftHSM 2.6 has CKM_ECDSA but not CKM_ECDSA_SHA256). Native buffers are reused across signatures.
 */
final class Pkcs11SigningSession implements SigningSession {
    private final Pkcs11Module module;
    private final long generation;
    private final long session;
    private final long key;
    private final TokenCertificate certificate;
    private final Set<Long> mechanisms;
    private final Semaphore tokenLock;
    private final Map<SignatureAlgorithm, Plan> plans = new EnumMap<>(SignatureAlgorithm.class);
    private Memory in = new Memory(256);
    private final Memory out = new Memory(1024);
    private final NativeLongByReference outLength = new NativeLongByReference();
    private boolean closed;
    private final Sm2Pkcs11Signer sm2;

    Pkcs11SigningSession(Pkcs11Module module, long generation, long session, long key, TokenCertificate certificate,
                   Set<Long> mechanisms, Semaphore tokenLock, java.util.Map<String, Long> sm2Mechanisms) {
        this.module = module;
        this.generation = generation;
        this.session = session;
        this.key = key;
        this.certificate = certificate;
        this.mechanisms = mechanisms;
        this.tokenLock = tokenLock;
        this.sm2 = certificate.keyType() == KeyType.SM2 ? new Sm2Pkcs11Signer(module, session, key, certificate,
                mechanisms, sm2Mechanisms) : null;
    }

    @Override
    public TokenCertificate certificate() { return certificate; }

    @Override
    public synchronized byte[] sign(SignatureAlgorithm alg, byte[] data, EcdsaEncoding encoding) {
        if (closed) throw new IllegalStateException("session closed");
        if (alg.keyType() != certificate.keyType()) {
            throw new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, alg + " needs an " + alg.keyType()
                    + " key; " + certificate.label() + " has " + certificate.keyType());
        }
        if (module.generation() != generation) {
            throw new KeyBridgeException(ErrorCode.TOKEN_REMOVED, "the module was re-initialized since login");
        }
        if (alg == SignatureAlgorithm.SM2SM3) return sm2.sign(data, encoding);
        Plan plan = plans.computeIfAbsent(alg, this::plan);
        byte[] input = plan.input(data);
        if (in.size() < input.length) in = new Memory(input.length);
        in.write(0, input, 0, input.length);
        int n;
        try {
            n = module.call(l -> {
                l.signInit(session, plan.mechanism, key);
                return l.sign(session, in, input.length, out, outLength);
            });
        } catch (Pkcs11Exception e) {
            throw Pkcs11Errors.map(e, "signing with " + certificate.label());
        }
        byte[] sig = out.getByteArray(0, n);
        return alg.keyType() != KeyType.RSA && encoding == EcdsaEncoding.DER ? SigningSession.rawToDer(sig) : sig;
    }

    /** Chooses the mechanism for an algorithm once per session. */
    private Plan plan(SignatureAlgorithm alg) {
        String h = alg.hash();
        long hashMech = switch (h) {
            case "SHA-256" -> CK.CKM_SHA256;
            case "SHA-384" -> CK.CKM_SHA384;
            default -> CK.CKM_SHA512;
        };
        long mgf = switch (h) {
            case "SHA-256" -> CK.CKG_MGF1_SHA256;
            case "SHA-384" -> CK.CKG_MGF1_SHA384;
            default -> CK.CKG_MGF1_SHA512;
        };
        return switch (alg.padding()) {
            case PKCS1 -> {
                long combined = h.equals("SHA-256") ? CK.CKM_SHA256_RSA_PKCS
                        : h.equals("SHA-384") ? CK.CKM_SHA384_RSA_PKCS : CK.CKM_SHA512_RSA_PKCS;
                if (mechanisms.contains(combined)) yield new Plan(Mechanism.of(combined), null, null);
                require(CK.CKM_RSA_PKCS, alg);
                yield new Plan(Mechanism.of(CK.CKM_RSA_PKCS), h, DIGEST_INFO.get(h));
            }
            case PSS -> {
                long combined = h.equals("SHA-256") ? CK.CKM_SHA256_RSA_PKCS_PSS
                        : h.equals("SHA-384") ? CK.CKM_SHA384_RSA_PKCS_PSS : CK.CKM_SHA512_RSA_PKCS_PSS;
                if (mechanisms.contains(combined)) {
                    yield new Plan(Mechanism.pss(combined, hashMech, mgf, alg.hashLength()), null, null);
                }
                require(CK.CKM_RSA_PKCS_PSS, alg);
                yield new Plan(Mechanism.pss(CK.CKM_RSA_PKCS_PSS, hashMech, mgf, alg.hashLength()), h, null);
            }
            case NONE -> {
                long combined = h.equals("SHA-256") ? CK.CKM_ECDSA_SHA256
                        : h.equals("SHA-384") ? CK.CKM_ECDSA_SHA384 : CK.CKM_ECDSA_SHA512;
                if (mechanisms.contains(combined)) yield new Plan(Mechanism.of(combined), null, null);
                require(CK.CKM_ECDSA, alg);
                yield new Plan(Mechanism.of(CK.CKM_ECDSA), h, null);
            }
        };
    }

    private void require(long mechanism, SignatureAlgorithm alg) {
        if (!mechanisms.contains(mechanism)) {
            throw new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, "token " + certificate.tokenLabel()
                    + " offers no mechanism for " + alg);
        }
    }

    private static final Map<String, byte[]> DIGEST_INFO = Map.of(
            "SHA-256", HexFormat.of().parseHex("3031300d060960864801650304020105000420"),
            "SHA-384", HexFormat.of().parseHex("3041300d060960864801650304020205000430"),
            "SHA-512", HexFormat.of().parseHex("3051300d060960864801650304020305000440"));

    /** The mechanism, and what the driver does to the data before the token sees it. */
    private static final class Plan {
        final Mechanism mechanism;
        final MessageDigest preHash; // reused: the session signs one thing at a time
        final byte[] digestInfoPrefix;

        Plan(Mechanism mechanism, String preHash, byte[] digestInfoPrefix) {
            this.mechanism = mechanism;
            this.digestInfoPrefix = digestInfoPrefix;
            try {
                this.preHash = preHash == null ? null : MessageDigest.getInstance(preHash);
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        byte[] input(byte[] data) {
            if (preHash == null) return data;
            byte[] digest = preHash.digest(data);
            if (digestInfoPrefix == null) return digest;
            byte[] di = new byte[digestInfoPrefix.length + digest.length];
            System.arraycopy(digestInfoPrefix, 0, di, 0, digestInfoPrefix.length);
            System.arraycopy(digest, 0, di, digestInfoPrefix.length, digest.length);
            return di;
        }
    }

    /** Logs out and closes the session, and frees the token for the next login. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (module.generation() == generation) {
                try {
                    module.call(l -> {
                        l.logout(session);
                        return null;
                    });
                } catch (Pkcs11Exception ignored) {
                    // gone or already logged out: nothing left to undo
                }
                TokenDriver.closeQuietly(module, session);
            }
        } finally {
            module.unpin();
            tokenLock.release();
        }
    }
}
