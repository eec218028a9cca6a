package org.keybridge.token;

import org.keybridge.format.KeyType;
import org.keybridge.format.Sm2;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.keybridge.uscc.Uscc;

/** Reads what KeyBridge shows of an X.509 certificate: id, key, usages, USCC. */
public final class CertificateFacts {
    private CertificateFacts() {}

    private static final String[] KEY_USAGE = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final Map<String, String> EKU = Map.of("1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4",
            "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            "1.3.6.1.4.1.311.20.2.2", "smartcardLogon");

    /**
     * Bouncy Castle as a provider instance, never registered globally: only for what the JDK cannot do (SM2).
     * Made on first use: the provider's ~500 classes and ~5,000 service entries would otherwise sit in every
     * agent's memory, SM2 key or not.
     */
    public static java.security.Provider bouncyCastle() { return LazyBc.PROVIDER; }

    private static final class LazyBc {
        static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    /** The JDK's parser; Bouncy Castle's for what the JDK cannot parse (SM2 keys: "Unknown named curve"). */
    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509", bouncyCastle())
                        .generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException | RuntimeException e2) {
                throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
            }
        }
    }

    /** SHA-256 of the DER, lower-case hex: the certificate's id everywhere in KeyBridge. */
    public static String id(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static KeyType keyType(PublicKey key) {
        if (isSm2(key)) return KeyType.SM2;
        if (key instanceof RSAPublicKey) return KeyType.RSA;
        if (key instanceof ECPublicKey) return KeyType.EC;
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    }

    public static boolean isSm2(PublicKey key) { return Sm2.isSm2Key(key); }

    public static int keySize(PublicKey key) {
        if (isSm2(key)) return 256;
        if (key instanceof RSAPublicKey r) return r.getModulus().bitLength();
        if (key instanceof ECPublicKey e) return e.getParams().getCurve().getField().getFieldSize();
        return 0;
    }

    /** NIST name of the curve of an EC key (the JDK only supports named curves for keys from certificates). */
    public static String curve(PublicKey key) {
        if (isSm2(key)) return "SM2";
        if (!(key instanceof ECPublicKey e)) return null;
        return switch (e.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> "P-256";
            case 384 -> "P-384";
            case 521 -> "P-521";
            default -> "EC-" + e.getParams().getCurve().getField().getFieldSize();
        };
    }

    public static List<String> keyUsage(X509Certificate c) {
        boolean[] bits = c.getKeyUsage();
        List<String> out = new ArrayList<>();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGE.length; i++) if (bits[i]) out.add(KEY_USAGE[i]);
        }
        return out;
    }

    public static List<String> extendedKeyUsage(X509Certificate c) {
        try {
            List<String> oids = c.getExtendedKeyUsage();
            if (oids == null) return List.of();
            return oids.stream().map(o -> EKU.getOrDefault(o, o)).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static final Map<String, String> DN_KEYWORDS = Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.97",
            "organizationIdentifier", "1.2.840.113549.1.9.1", "EMAILADDRESS", "2.5.4.12", "T");

    /** RFC 2253, with names rather than hex for the attributes Chinese CAs use (serialNumber for the USCC). */
    public static String dn(X500Principal p) { return p.getName(X500Principal.RFC2253, DN_KEYWORDS); }

    /** The first attribute value of the subject that holds a valid USCC (serialNumber, organizationIdentifier, OU, CN …). */
    public static Optional<String> uscc(X509Certificate c) {
        X500Name name = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                ASN1Encodable v = atv.getValue();
                if (v instanceof ASN1String s) {
                    Optional<Uscc> found = Uscc.findIn(s.getString());
                    if (found.isPresent()) return Optional.of(found.get().value());
                }
            }
        }
        return Optional.empty();
    }
}
