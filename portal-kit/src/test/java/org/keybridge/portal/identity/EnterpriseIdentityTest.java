package org.keybridge.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keybridge.portal.auth.TestPki;
import org.keybridge.uscc.Uscc;

/** The USCC read where each CA puts it, its check character verified, missing and invalid told apart. */
class EnterpriseIdentityTest {
    static final String USCC = Uscc.withCheckCharacter("91440300MA5F12345").value();
    /** The same code with a wrong check character. */
    static final String BAD_CHECK = USCC.substring(0, 17) + (USCC.charAt(17) == '0' ? '1' : '0');
    static final String EXT_OID = "1.2.156.112562.2.1.1.27"; // an illustrative private arc

    static TestPki.Ca ca, other;
    static KeyPair key = TestPki.ec();

    @BeforeAll
    static void pki() throws Exception {
        TestPki.Ca root = TestPki.root("Identity Root");
        ca = TestPki.issuing(root, "Identity CA");
        other = TestPki.issuing(root, "Other CA");
    }

    private static X509Certificate cert(TestPki.Ca issuer, String subject, ASN1Encodable extension) throws Exception {
        var b = new JcaX509v3CertificateBuilder(X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(System.nanoTime()), Date.from(TestPki.NOW.minusSeconds(60)),
                Date.from(TestPki.NOW.plusSeconds(86400)), new X500Name(subject), key.getPublic());
        if (extension != null) b.addExtension(new ASN1ObjectIdentifier(EXT_OID), false, extension);
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuer.key().getPrivate())));
    }

    private static EnterpriseIdentity at(UsccLocation where) {
        return new EnterpriseIdentity(Map.of(ca.cert().getSubjectX500Principal(), where), null);
    }

    @Test
    void organizationIdentifierWithPrefix() throws Exception {
        X509Certificate c = cert(ca, "CN=Example,2.5.4.97=NTRCN-" + USCC + ",C=CN", null);
        assertThat(at(UsccLocation.organizationIdentifier()).uscc(c)).isEqualTo(USCC);
    }

    @Test
    void subjectSerialNumber() throws Exception {
        X509Certificate c = cert(ca, "CN=Example,SERIALNUMBER=" + USCC + ",C=CN", null);
        assertThat(at(UsccLocation.serialNumber()).uscc(c)).isEqualTo(USCC);
    }

    @Test
    void organizationalUnit() throws Exception {
        X509Certificate c = cert(ca, "CN=Example,OU=" + USCC.toLowerCase() + ",O=Example,C=CN", null);
        assertThat(at(UsccLocation.organizationalUnit()).uscc(c)).isEqualTo(USCC);
    }

    @Test
    void extensionAsUtf8String() throws Exception {
        X509Certificate c = cert(ca, "CN=Example,C=CN", new DERUTF8String(USCC));
        assertThat(at(UsccLocation.extension(EXT_OID)).uscc(c)).isEqualTo(USCC);
    }

    @Test
    void onlyTheConfiguredAttributeCounts() throws Exception {
        // the code sits in O, but this CA is configured for serialNumber: missing
        X509Certificate c = cert(ca, "CN=Example,O=" + USCC + ",C=CN", null);
        assertThatThrownBy(() -> at(UsccLocation.serialNumber()).uscc(c)).isInstanceOf(UsccMissingException.class)
                .hasMessageContaining("serialNumber");
    }

    @Test
    void missingExtensionIsUsccMissing() throws Exception {
        X509Certificate c = cert(ca, "CN=Example,C=CN", null);
        assertThatThrownBy(() -> at(UsccLocation.extension(EXT_OID)).uscc(c))
                .isInstanceOfSatisfying(UsccMissingException.class, e -> assertThat(e.code()).isEqualTo("USCC_MISSING"));
    }

    @Test
    void wrongCheckCharacterIsUsccInvalid() throws Exception {
        X509Certificate c = cert(ca, "CN=Example,SERIALNUMBER=" + BAD_CHECK + ",C=CN", null);
        assertThatThrownBy(() -> at(UsccLocation.serialNumber()).uscc(c))
                .isInstanceOfSatisfying(UsccInvalidException.class, e -> assertThat(e.code()).isEqualTo("USCC_INVALID"))
                .hasMessageContaining("check character");
    }

    @Test
    void otherCasFallBackToAnywhereInTheSubjectAndMayHaveNone() throws Exception {
        EnterpriseIdentity id = at(UsccLocation.serialNumber());
        assertThat(id.uscc(cert(other, "CN=Example,O=" + USCC + ",C=CN", null))).isEqualTo(USCC);
        assertThat(id.uscc(cert(other, "CN=No Code,C=CN", null))).isNull();
        assertThat(id.uscc(cert(other, "CN=Bad,O=" + BAD_CHECK + ",C=CN", null))).isNull();
    }

    @Test
    void malformedOidIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> UsccLocation.subjectAttribute("not.an.oid")).isInstanceOf(IllegalArgumentException.class);
    }
}
