package org.keybridge.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.keybridge.uscc.Uscc;

/**
 * The demo certificate authorities behind the KeyBridge demo keys: a social-security and a tax
 * hierarchy, each a self-signed root and one issuing CA, all with in-memory EC P-256 keys, and an SM2 tax
 * hierarchy (SM2 keys, SM3withSM2 signatures).
 * For demos and tests only: the keys live in memory and are never written out.
 */
public final class DemoPki {

    /**
     * Policy of the demo client certificates. Demo arc: 2.25 + a random UUID (ITU-T X.667),
     * unique without registration, so it cannot collide with anyone's real policy.
     */
    public static final String DEMO_POLICY_OID = "2.25.246507821560533149204711455221732715512.1.1";

    public static final String DEMO_ORGANIZATION = "KeyBridge Demo";

    private final CaChain socialSecurity;
    private final CaChain tax;
    private final CaChain sm2Tax;

    private DemoPki(CaChain socialSecurity, CaChain tax, CaChain sm2Tax) {
        this.socialSecurity = socialSecurity;
        this.tax = tax;
        this.sm2Tax = sm2Tax;
    }

    /**
     * Roots valid from now-1y to now+20y, issuing CAs from now-1y to now+10y: the year before
     * now leaves room for client certificates that have already expired.
     */
    public static DemoPki create(Instant now) {
        Instant t = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.SECONDS); // X.509 has seconds
        return new DemoPki(
                hierarchy("Demo Social Security CA", "Demo Social Security Root CA", "Demo Social Security CA", t, false),
                hierarchy("Demo Tax CA", "Demo Tax Root CA", "Demo Tax CA", t, false),
                hierarchy("Demo SM2 Tax CA", "Demo SM2 Tax Root CA", "Demo SM2 Tax CA", t, true));
    }

    public CaChain socialSecurity() {
        return socialSecurity;
    }

    public CaChain tax() {
        return tax;
    }

    /** A tax hierarchy whose keys and signatures are SM2/SM3, as Chinese tax CAs issue them. */
    public CaChain sm2Tax() {
        return sm2Tax;
    }

    /** The demo company: a Shenzhen (440300) code whose positions 9-17 are a valid GB 11714 code. */
    public static Enterprise demoEnterprise() {
        String organizationBody = "MA5KBD01";
        String prefix = "91440300" + organizationBody + Uscc.organizationCodeCheckCharacter(organizationBody);
        return new Enterprise("深圳市示例科技有限公司", Uscc.withCheckCharacter(prefix).value());
    }

    /**
     * Issues a TLS client certificate for {@code who}. The key comes from a token (RSA or EC
     * P-256); only its public part is needed, the CA signs with its own software key.
     *
     * @throws IllegalArgumentException if the window is empty or leaves the issuing CA's validity
     */
    public X509Certificate issueClientCertificate(
            CaChain ca, SubjectPublicKeyInfo publicKey, Enterprise who, Instant notBefore, Instant notAfter) {
        return issue(ca, publicKey, who, notBefore, notAfter, true);
    }

    /**
     * The encryption certificate of a dual-certificate SM2 key (keyUsage keyEncipherment, dataEncipherment, keyAgreement;
     * no EKU): in real life its key pair comes from the CA's key-management centre.
     */
    public X509Certificate issueEncryptionCertificate(
            CaChain ca, SubjectPublicKeyInfo publicKey, Enterprise who, Instant notBefore, Instant notAfter) {
        return issue(ca, publicKey, who, notBefore, notAfter, false);
    }

    /** A fresh SM2 key pair in memory, for the encryption certificate of the demo's SM2 key. */
    public static java.security.KeyPair newSm2KeyPair() {
        return Certificates.newSm2KeyPair();
    }

    private X509Certificate issue(CaChain ca, SubjectPublicKeyInfo publicKey, Enterprise who, Instant notBefore,
                                  Instant notAfter, boolean signing) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(who, "who");
        Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant to = notAfter.truncatedTo(ChronoUnit.SECONDS);
        requireWindowInside(ca.issuing(), from, to);

        X500Name subject = Certificates.name(who.name(), who.name())
                .addRDN(BCStyle.SERIALNUMBER, who.uscc())
                .build();
        JcaX509ExtensionUtils ids = Certificates.extensionUtils();
        X509v3CertificateBuilder b =
                Certificates.builder(Certificates.subjectOf(ca.issuing()), from, to, subject, publicKey);
        Certificates.extension(b, Extension.basicConstraints, true, new BasicConstraints(false));
        Certificates.extension(b, Extension.keyUsage, true, new KeyUsage(signing ? KeyUsage.digitalSignature
                : KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement));
        if (signing) {
            Certificates.extension(b, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        Certificates.extension(b, Extension.certificatePolicies, false,
                new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(DEMO_POLICY_OID))));
        Certificates.extension(b, Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(publicKey));
        Certificates.extension(b, Extension.authorityKeyIdentifier, false, authorityKeyId(ids, ca.issuing()));
        return Certificates.sign(b, ca.issuingKey());
    }

    /**
     * Writes the CA certificates (never keys) as PEM: per hierarchy the root, the issuing CA and
     * a chain file holding the issuing CA then the root.
     */
    public void writePem(Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir, "social-security", socialSecurity);
            write(dir, "tax", tax);
            write(dir, "sm2-tax", sm2Tax);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo CA certificates to " + dir, e);
        }
    }

    /** Certificates as concatenated PEM blocks, in the given order. */
    public static String pem(X509Certificate... certificates) {
        return Certificates.pem(Arrays.asList(certificates));
    }

    private static void write(Path dir, String stem, CaChain ca) throws IOException {
        Files.writeString(dir.resolve(stem + "-root.pem"), pem(ca.root()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(stem + "-ca.pem"), pem(ca.issuing()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(stem + "-chain.pem"), Certificates.pem(ca.chain()), StandardCharsets.US_ASCII);
    }

    private static CaChain hierarchy(String name, String rootCn, String issuingCn, Instant now, boolean sm2) {
        Instant yearAgo = years(now, -1);
        JcaX509ExtensionUtils ids = Certificates.extensionUtils();

        KeyPair rootKeys = sm2 ? Certificates.newSm2KeyPair() : Certificates.newP256KeyPair();
        SubjectPublicKeyInfo rootInfo = Certificates.publicKeyInfo(rootKeys);
        X500Name rootName = Certificates.name(DEMO_ORGANIZATION, rootCn).build();
        X509v3CertificateBuilder root = Certificates.builder(rootName, yearAgo, years(now, 20), rootName, rootInfo);
        caExtensions(root, new BasicConstraints(true));
        Certificates.extension(root, Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(rootInfo));
        Certificates.extension(root, Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(rootInfo));
        X509Certificate rootCert = Certificates.sign(root, rootKeys.getPrivate());

        KeyPair issuingKeys = sm2 ? Certificates.newSm2KeyPair() : Certificates.newP256KeyPair();
        SubjectPublicKeyInfo issuingInfo = Certificates.publicKeyInfo(issuingKeys);
        X500Name issuingName = Certificates.name(DEMO_ORGANIZATION, issuingCn).build();
        X509v3CertificateBuilder issuing = Certificates.builder(
                Certificates.subjectOf(rootCert), yearAgo, years(now, 10), issuingName, issuingInfo);
        caExtensions(issuing, new BasicConstraints(0));
        Certificates.extension(issuing, Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(issuingInfo));
        Certificates.extension(issuing, Extension.authorityKeyIdentifier, false, authorityKeyId(ids, rootCert));
        X509Certificate issuingCert = Certificates.sign(issuing, rootKeys.getPrivate());

        return new CaChain(name, rootCert, issuingCert, issuingKeys.getPrivate());
    }

    private static void caExtensions(X509v3CertificateBuilder b, BasicConstraints constraints) {
        Certificates.extension(b, Extension.basicConstraints, true, constraints);
        Certificates.extension(b, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    /** Key identifier only: issuer name + serial would tie the child to one particular CA certificate. */
    private static AuthorityKeyIdentifier authorityKeyId(
            JcaX509ExtensionUtils ids, X509Certificate issuer) {
        return ids.createAuthorityKeyIdentifier(SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
    }

    private static void requireWindowInside(X509Certificate issuing, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("notBefore " + from + " must be before notAfter " + to);
        }
        Instant caFrom = issuing.getNotBefore().toInstant();
        Instant caTo = issuing.getNotAfter().toInstant();
        if (from.isBefore(caFrom) || to.isAfter(caTo)) {
            throw new IllegalArgumentException("validity " + from + " .. " + to
                    + " must lie inside the issuing CA's " + caFrom + " .. " + caTo);
        }
    }

    private static Instant years(Instant t, int years) {
        return t.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
