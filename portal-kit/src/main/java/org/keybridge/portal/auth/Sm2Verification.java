package org.keybridge.portal.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.keybridge.format.Sm2;

/**
 * What the JDK cannot do for SM2 login tokens, done with Bouncy Castle as a provider instance (never registered
 * globally): parse certificates with SM2 keys, verify SM3withSM2 with the explicit user ID, and (in the validator)
 * PKIX over SM2-signed chains.
 */
final class Sm2Verification {
    private Sm2Verification() {}

    static final Provider BC = new BouncyCastleProvider();

    /** The JDK's parser first; Bouncy Castle's when the JDK fails ("Unknown named curve" for SM2 keys). */
    static X509Certificate parseCertificate(byte[] der) throws CertificateException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                        .generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException | RuntimeException e2) {
                e.addSuppressed(e2);
                throw e;
            }
        }
    }

    /** An SM2 key, or a certificate signed with SM3withSM2. */
    static boolean isSm2(X509Certificate cert) {
        return Sm2.SIGNATURE_OID.equals(cert.getSigAlgOID()) || Sm2.isSm2Key(cert.getPublicKey());
    }

    /** SM3withSM2 over {@code data} with user ID {@link Sm2#DEFAULT_USER_ID}; {@code rs} is raw r‖s (32 + 32 bytes). */
    static boolean verify(PublicKey key, byte[] data, byte[] rs) {
        if (rs.length != 64) return false;
        try {
            Signature s = Signature.getInstance("SM3withSM2", BC);
            s.setParameter(new SM2ParameterSpec(Sm2.DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
            s.initVerify(key);
            s.update(data);
            return s.verify(der(rs));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] der(byte[] rs) throws IOException {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32))));
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64))));
        return new DERSequence(v).getEncoded();
    }
}
