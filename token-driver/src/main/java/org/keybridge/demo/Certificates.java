package org.keybridge.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Small building blocks shared by the demo CAs; JDK providers only, no global BC provider. */
final class Certificates {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.security.Provider BC = org.keybridge.token.CertificateFacts.bouncyCastle();

    private Certificates() {}

    static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }

    /** An SM2 key pair (curve sm2p256v1), from a Bouncy Castle provider instance (the JDK has no SM2). */
    static KeyPair newSm2KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 is not available", e);
        }
    }

    static boolean isSm2(PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec
                && ec.getParams() instanceof org.bouncycastle.jce.spec.ECNamedCurveSpec spec
                && spec.getName().equals("sm2p256v1");
    }

    /**
     * 16 random bytes, top bit cleared so the DER INTEGER stays positive without a padding byte,
     * second bit set so it never shrinks below 16 bytes.
     */
    static BigInteger randomSerial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }

    /** C=CN, O=organization, CN=commonName; BCStyle encodes O and CN as UTF8String. */
    static X500NameBuilder name(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName);
    }

    /** The subject exactly as encoded in {@code cert}, so issuer/subject names match byte for byte. */
    static X500Name subjectOf(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    static SubjectPublicKeyInfo publicKeyInfo(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    static X509v3CertificateBuilder builder(
            X500Name issuer, Instant notBefore, Instant notAfter, X500Name subject, SubjectPublicKeyInfo key) {
        return new X509v3CertificateBuilder(
                issuer, randomSerial(), Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is not available", e);
        }
    }

    /** SHA256withECDSA, or SM3withSM2 (user ID 1234567812345678, Bouncy Castle's default) for an SM2 CA key. */
    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            if (isSm2(issuerKey)) {
                return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                        builder.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(BC).build(issuerKey)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign certificate", e);
        }
    }

    static String pem(Iterable<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Adds one extension; BC's CertIOException cannot happen for values built in memory. */
    static X509v3CertificateBuilder extension(
            X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode extension " + oid, e);
        }
    }
}
