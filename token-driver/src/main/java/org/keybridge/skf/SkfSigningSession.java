package org.keybridge.skf;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.token.EcdsaEncoding;
import org.keybridge.token.SigningSession;
import org.keybridge.token.Sm2Prehash;
import org.keybridge.token.TokenCertificate;

/**
 * A verified-PIN session on one SKF container. SM2SM3 only: e = SM3(Z ‖ data) is computed here with Bouncy Castle
 * or by the key (SKF_DigestInit with the public key and the user ID), per the module's setting, and
 * SKF_ECCSignData signs e. Signatures come back raw r‖s, or DER.
 */
final class SkfSigningSession implements SigningSession {
    private final SkfModule module;
    private final TokenCertificate certificate;
    private final Pointer dev, app, con;
    private final byte[] point;
    private final byte[] userId;
    private final byte[] z;
    private final Semaphore tokenLock;
    private final Memory scratch = new Memory(32 + 128);
    private boolean closed;

    SkfSigningSession(SkfModule module, TokenCertificate certificate, Pointer dev, Pointer app, Pointer con,
                      byte[] point, Semaphore tokenLock) {
        this.module = module;
        this.certificate = certificate;
        this.dev = dev;
        this.app = app;
        this.con = con;
        this.point = point;
        this.userId = module.spec().sm2UserId().getBytes(StandardCharsets.UTF_8);
        this.z = Sm2Prehash.z(userId, point);
        this.tokenLock = tokenLock;
    }

    @Override
    public TokenCertificate certificate() { return certificate; }

    @Override
    public synchronized byte[] sign(SignatureAlgorithm alg, byte[] data, EcdsaEncoding encoding) {
        if (closed) throw new IllegalStateException("session closed");
        if (alg != SignatureAlgorithm.SM2SM3) {
            throw new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, alg + " on SKF key " + certificate.tokenLabel()
                    + ": SKF keys here sign SM2SM3 only");
        }
        byte[] sig;
        try {
            sig = module.call(l -> {
                byte[] e = module.spec().zBy() == SkfModuleSpec.ZBy.TOKEN ? l.digest(dev, point, userId, data)
                        : Sm2Prehash.e(z, data);
                return l.eccSignData(con, e, scratch);
            });
        } catch (SkfException e) {
            throw SkfErrors.map(e, "signing with " + certificate.label());
        }
        return encoding == EcdsaEncoding.DER ? SigningSession.rawToDer(sig) : sig;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            module.closeQuietly(dev, app, con);
        } finally {
            tokenLock.release();
        }
    }
}
