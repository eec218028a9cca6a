package org.keybridge.token;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA and SM2 signatures in DER. A class of its own so that verifying {@link SigningSession} (which every login
 * links) needs no Bouncy Castle class: the resident agent loads none unless a caller asks for DER.
 */
final class DerSignatures {
    private DerSignatures() {}

    /** r‖s (each half the length) to the DER SEQUENCE { INTEGER r, INTEGER s }. */
    static byte[] fromRaw(byte[] raw) {
        int half = raw.length / 2;
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, half))));
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))));
        try {
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
