package org.keybridge.portal.auth;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;

/** Software PKI for portal-kit tests: root CA → issuing CA → end-entity certificates, made with Bouncy Castle. */
public final class TestPki {
    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    public static final KeyPair EC_KEY = ec();
    public static final KeyPair RSA_KEY = rsa();

    /** A CA: its key and its certificate. */
    public record Ca(KeyPair key, X509Certificate cert) {}

    public static Ca root(String cn) throws Exception {
        KeyPair k = ec();
        X500Name name = new X500Name("CN=" + cn + ",O=KeyBridge Test,C=CN");
        return new Ca(k, build(name, k.getPublic(), name, k.getPrivate(), NOW.minusSeconds(86400L * 3650),
                NOW.plusSeconds(86400L * 3650), true, KeyUsage.keyCertSign | KeyUsage.cRLSign, null));
    }

    public static Ca issuing(Ca root, String cn) throws Exception {
        KeyPair k = ec();
        X500Name name = new X500Name("CN=" + cn + ",O=KeyBridge Test,C=CN");
        return new Ca(k, build(name, k.getPublic(), subject(root), root.key().getPrivate(),
                NOW.minusSeconds(86400L * 1000), NOW.plusSeconds(86400L * 3000), true,
                KeyUsage.keyCertSign | KeyUsage.cRLSign, null));
    }

    /** An end-entity certificate; {@code keyUsage} a KeyUsage bit mask or -1 for none, {@code eku} null for none. */
    public static X509Certificate ee(Ca ca, PublicKey key, String subject, Instant notBefore, Instant notAfter, int keyUsage,
            KeyPurposeId... eku) throws Exception {
        return build(new X500Name(subject), key, subject(ca), ca.key().getPrivate(), notBefore, notAfter, false,
                keyUsage, eku);
    }

    /** A valid login certificate: a year around NOW, digitalSignature, EKU clientAuth. */
    public static X509Certificate ee(Ca ca, PublicKey key, String subject) throws Exception {
        return ee(ca, key, subject, NOW.minusSeconds(86400L * 180), NOW.plusSeconds(86400L * 180),
                KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
    }

    private static X500Name subject(Ca ca) {
        return X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer,
            Instant notBefore, Instant notAfter, boolean ca, int keyUsage, KeyPurposeId[] eku) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, key);
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(key));
        if (keyUsage >= 0) b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (eku != null && eku.length > 0) b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        String sigAlg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(signer)));
    }

    /** A token as the agent makes it: the signature over AuthTokenFormat.signedData(alg, origin, nonce). */
    public static AuthToken token(X509Certificate cert, PrivateKey key, SignatureAlgorithm alg, String origin, String nonce)
            throws Exception {
        Signature s;
        switch (alg.padding()) {
            case NONE -> s = Signature.getInstance(alg.hash().replace("-", "") + "withECDSAinP1363Format");
            case PKCS1 -> s = Signature.getInstance(alg.hash().replace("-", "") + "withRSA");
            default -> {
                s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new java.security.spec.PSSParameterSpec(alg.hash(), "MGF1",
                        new java.security.spec.MGF1ParameterSpec(alg.hash()), alg.hashLength(), 1));
            }
        }
        s.initSign(key);
        s.update(AuthTokenFormat.signedData(alg, origin, nonce));
        Base64.Encoder b64 = Base64.getEncoder();
        return new AuthToken(b64.encodeToString(cert.getEncoded()), alg.name(), b64.encodeToString(s.sign()),
                AuthTokenFormat.FORMAT, "https://keybridge.org/agent/test");
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private TestPki() {}
}
