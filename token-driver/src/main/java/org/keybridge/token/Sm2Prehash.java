package org.keybridge.token;

import java.math.BigInteger;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * SM2's pre-hash, for tokens that sign e rather than the message (SKF_ECCSignData, a raw PKCS#11 SM2 mechanism):
 * Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), e = SM3(Z ‖ M) (GM/T 0003.2, as Bouncy Castle's SM2Signer does).
 */
public final class Sm2Prehash {
    private Sm2Prehash() {}

    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");

    /** Z for a user ID and a public key given as the uncompressed point 04‖x‖y. */
    public static byte[] z(byte[] userId, byte[] point) {
        if (point.length != 65 || point[0] != 4) throw new IllegalArgumentException("SM2 public key must be 04||x||y");
        int bits = userId.length * 8;
        if (bits > 0xFFFF) throw new IllegalArgumentException("SM2 user ID longer than 8191 bytes");
        SM3Digest d = new SM3Digest();
        d.update((byte) (bits >> 8));
        d.update((byte) bits);
        d.update(userId, 0, userId.length);
        for (BigInteger v : new BigInteger[] {CURVE.getCurve().getA().toBigInteger(), CURVE.getCurve().getB().toBigInteger(),
            CURVE.getG().getAffineXCoord().toBigInteger(), CURVE.getG().getAffineYCoord().toBigInteger()}) {
            d.update(fixed32(v), 0, 32);
        }
        d.update(point, 1, 64);
        return finish(d);
    }

    /** e = SM3(Z ‖ message). */
    public static byte[] e(byte[] z, byte[] message) {
        SM3Digest d = new SM3Digest();
        d.update(z, 0, z.length);
        d.update(message, 0, message.length);
        return finish(d);
    }

    private static byte[] fixed32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] finish(SM3Digest d) {
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
