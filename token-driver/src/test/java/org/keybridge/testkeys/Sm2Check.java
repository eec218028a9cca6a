package org.keybridge.testkeys;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.keybridge.token.CertificateFacts;

/** An SM2 signature checked by Bouncy Castle's SM3withSM2, an implementation apart from the tokens'. */
public final class Sm2Check {
    private Sm2Check() {}

    public static final String NONCE = "c29mdHdhcmUtdWtleS1ub25jZS0wMTIzNDU2Nzg5YWJjZGVmZ2hpams=";

    /** SM3withSM2 with the explicit user ID {@code id} over {@code data}; {@code der} the DER signature. */
    public static boolean verifies(X509Certificate cert, byte[] data, byte[] der, String id) throws Exception {
        Signature v = Signature.getInstance("SM3withSM2", CertificateFacts.bouncyCastle());
        v.setParameter(new SM2ParameterSpec(id.getBytes(StandardCharsets.US_ASCII)));
        v.initVerify(cert.getPublicKey());
        v.update(data);
        return v.verify(der);
    }
}
