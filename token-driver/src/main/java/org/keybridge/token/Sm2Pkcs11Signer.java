package org.keybridge.token;

import com.sun.jna.Memory;
import com.sun.jna.ptr.NativeLongByReference;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pkcs11.Mechanism;
import org.keybridge.pkcs11.Pkcs11Exception;
import org.keybridge.pkcs11.Pkcs11Module;

/**
 * SM2SM3 through a vendor PKCS#11 mechanism, taken from the module's mechanism map (PKCS#11 has no SM2 numbers; the
 * configuration's, else the catalog's; vendor spellings mapped onto these names by {@link Sm2MechanismRoles}), in this order of preference among those the token offers:
 * {@code CKM_SM2_SIGN_NO_DER} (KeyBridge computes e = SM3(Z‖M) with the configured user ID, raw r‖s back),
 * {@code CKM_SM2_SIGN} (the same, DER back) and {@code CKM_SM3_SM2} (the token hashes with its own ID, DER back).
 * Signatures are normalised to raw r‖s (or DER on request).
 */
final class Sm2Pkcs11Signer {
    private enum Kind { E_RAW, E_DER, MESSAGE_DER }

    private final Pkcs11Module module;
    private final long session, key;
    private final TokenCertificate certificate;
    private final Mechanism mechanism;
    private final Kind kind;
    private final byte[] z;
    private final Map<String, Long> map;
    private final Memory out = new Memory(256);
    private final NativeLongByReference outLength = new NativeLongByReference();

    /** @param named the module's SM2 mechanism numbers by name (role names or vendor spellings) */
    Sm2Pkcs11Signer(Pkcs11Module module, long session, long key, TokenCertificate certificate,
                    Set<Long> offered, Map<String, Long> named) {
        this.module = module;
        this.session = session;
        this.key = key;
        this.certificate = certificate;
        this.map = Sm2MechanismRoles.byRole(named);
        Kind k = null;
        Long m = null;
        for (var choice : new Object[][] {{Sm2MechanismRoles.SIGN_E_RAW, Kind.E_RAW}, {Sm2MechanismRoles.SIGN_E_DER, Kind.E_DER},
            {Sm2MechanismRoles.SIGN_MESSAGE, Kind.MESSAGE_DER}}) {
            Long v = map.get((String) choice[0]);
            if (v != null && offered.contains(v)) {
                m = v;
                k = (Kind) choice[1];
                break;
            }
        }
        this.mechanism = m == null ? null : Mechanism.of(m);
        this.kind = k;
        this.z = Sm2Prehash.z(module.spec().sm2UserId().getBytes(StandardCharsets.UTF_8), point(certificate));
    }

    byte[] sign(byte[] data, EcdsaEncoding encoding) {
        if (mechanism == null) {
            throw new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, "module " + module.spec().name()
                    + " has no SM2 mechanism in its map that token " + certificate.tokenLabel() + " offers "
                    + hex(map));
        }
        byte[] input = kind == Kind.MESSAGE_DER ? data : Sm2Prehash.e(z, data);
        Memory in = new Memory(Math.max(1, input.length));
        in.write(0, input, 0, input.length);
        int n;
        try {
            n = module.call(l -> {
                l.signInit(session, mechanism, key);
                return l.sign(session, in, input.length, out, outLength);
            });
        } catch (Pkcs11Exception e) {
            throw Pkcs11Errors.map(e, "signing SM2 with " + certificate.label());
        }
        byte[] sig = out.getByteArray(0, n);
        byte[] raw = kind == Kind.E_RAW ? sig : derOrRawToRaw(sig);
        return encoding == EcdsaEncoding.DER ? SigningSession.rawToDer(raw) : raw;
    }

    private static String hex(Map<String, Long> map) {
        StringBuilder b = new StringBuilder("{");
        new java.util.TreeMap<>(map).forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append("=0x")
                .append(Long.toHexString(v).toUpperCase()));
        return b.append('}').toString();
    }

    /** 04‖x‖y of the certificate's SM2 key. */
    static byte[] point(TokenCertificate c) {
        ECPublicKey k = (ECPublicKey) c.certificate().getPublicKey();
        byte[] p = new byte[65];
        p[0] = 4;
        fixed32(k.getW().getAffineX(), p, 1);
        fixed32(k.getW().getAffineY(), p, 33);
        return p;
    }

    /**
     * A DER signature as raw r‖s; 64 bytes that do not parse as DER are taken as raw already (vendors do not say which
     * encoding their mechanisms return; a DER SM2 signature is 64 bytes only when r and s are both 29 bytes long).
     */
    static byte[] derOrRawToRaw(byte[] sig) {
        if (sig.length != 64) return derToRaw(sig);
        try {
            return derToRaw(sig);
        } catch (KeyBridgeException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return sig;
        }
    }

    static byte[] derToRaw(byte[] der) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(der);
        } catch (IllegalArgumentException e) {
            throw new KeyBridgeException(ErrorCode.TOKEN_ERROR, "the token's SM2 signature is not DER");
        }
        byte[] raw = new byte[64];
        fixed32(ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue(), raw, 0);
        fixed32(ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue(), raw, 32);
        return raw;
    }

    private static void fixed32(BigInteger v, byte[] out, int at) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, at + 32 - n, n);
    }
}
