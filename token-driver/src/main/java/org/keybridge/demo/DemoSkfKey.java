package org.keybridge.demo;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.keybridge.format.KeyType;
import org.keybridge.skf.SkfLibrary;
import org.keybridge.skf.SkfModuleSpec;
import org.keybridge.token.CertificateFacts;

/**
 * The demo's SM2 tax-CA key on the software UKey ({@code native/build/libskfsoft.so}): a device, an application with
 * random PINs, a container whose SM2 signing key is generated on the key (SKF_GenECCKeyPair) and certified by the
 * demo SM2 tax CA, plus an encryption certificate, as Chinese CAs issue them in pairs. Provisioned through KeyBridge's
 * own SKF binding. The software UKey reads its store from SKFSOFT_DIR, one store per process.
 */
public final class DemoSkfKey {
    public static final String LABEL = "地税CA-SM2";
    public static final String MODULE_NAME = "demo-skf";
    public static final String DEVICE = "ukey-1";
    public static final String APPLICATION = "TAXCA-APP";
    public static final String CONTAINER = "SM2-LOGIN";
    public static final int USER_PIN_RETRIES = 6;
    /** Its certificate's file name stem under the demo's pki/. */
    public static final String OBJECT_LABEL = "sm2-tax-login";

    private DemoSkfKey() {}

    /** The module spec of a software-UKey store. */
    public static SkfModuleSpec spec(String library, Path store) {
        return SkfModuleSpec.of(MODULE_NAME, library, Map.of("SKFSOFT_DIR", store.toAbsolutePath().toString()));
    }

    /** Makes the SM2 key under {@code store}; its signing certificate is valid from 30 days ago for two years. */
    public static DemoKeys.DemoToken create(String library, Path store, DemoPki pki, Enterprise who, Instant now,
                                            SecureRandom random) {
        return create(library, store, DEVICE, LABEL, pki, who, now, random);
    }

    /** As above, for another device of the same store (tests make several). */
    public static DemoKeys.DemoToken create(String library, Path store, String device, String label, DemoPki pki,
                                            Enterprise who, Instant now, SecureRandom random) {
        SkfModuleSpec spec = spec(library, store);
        org.keybridge.pkcs11.NativeEnvironment.apply(spec.environment());
        SkfLibrary l = SkfLibrary.load(library, spec.ulongSize());
        String adminPin = digits(random, 8), userPin = digits(random, 6);
        String serial = digits(random, 12);
        l.softCreateDevice(device, label, serial);
        Pointer dev = l.connectDev(device);
        try {
            Pointer app = l.createApplication(dev, APPLICATION, ascii(adminPin), 10, ascii(userPin), USER_PIN_RETRIES);
            try {
                l.verifyPin(app, SkfLibrary.USER_PIN, ascii(userPin));
                Pointer con = l.createContainer(app, CONTAINER);
                try {
                    byte[] point = l.genEccKeyPair(con);
                    Instant from = now.minus(Duration.ofDays(30)), to = now.plus(Duration.ofDays(2 * 365));
                    X509Certificate sign = pki.issueClientCertificate(pki.sm2Tax(), sm2Info(point), who, from, to);
                    var enc = DemoPki.newSm2KeyPair();
                    X509Certificate encCert = pki.issueEncryptionCertificate(pki.sm2Tax(),
                            SubjectPublicKeyInfo.getInstance(enc.getPublic().getEncoded()), who, from, to);
                    l.importCertificate(con, true, sign.getEncoded());
                    l.importCertificate(con, false, encCert.getEncoded());
                    return new DemoKeys.DemoToken(label, userPin, adminPin, OBJECT_LABEL, KeyType.SM2,
                            CertificateFacts.id(sign.getEncoded()), sign);
                } finally {
                    l.closeContainer(con);
                }
            } finally {
                l.clearSecureState(app);
                l.closeApplication(app);
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        } finally {
            l.disconnectDev(dev);
        }
    }

    /** SubjectPublicKeyInfo of an SM2 point 04‖x‖y (id-ecPublicKey with the sm2p256v1 curve, GM/T 0015). */
    public static SubjectPublicKeyInfo sm2Info(byte[] point) {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                GMObjectIdentifiers.sm2p256v1), point);
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static String digits(SecureRandom r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('0' + r.nextInt(10)));
        return b.toString();
    }
}
