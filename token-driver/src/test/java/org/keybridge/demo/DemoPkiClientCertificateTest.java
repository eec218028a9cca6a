package org.keybridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.keybridge.uscc.Uscc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoPkiClientCertificateTest {

    private static final Instant NOW = Instant.now();
    private static DemoPki pki;
    private static KeyPair tokenKey;

    @BeforeAll
    static void setUp() throws Exception {
        pki = DemoPki.create(NOW);
        tokenKey = TokenKeys.ecP256();
    }

    private static X509Certificate issueCurrent(CaChain ca, KeyPair key) {
        return pki.issueClientCertificate(ca, TokenKeys.info(key), DemoPki.demoEnterprise(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void ecAndRsaTokenKeysAreCertifiedByTheIssuingCa() throws Exception {
        KeyPair rsa = TokenKeys.rsa();
        X509Certificate ec = issueCurrent(pki.socialSecurity(), tokenKey);
        X509Certificate rs = issueCurrent(pki.tax(), rsa);
        ec.verify(pki.socialSecurity().issuing().getPublicKey());
        rs.verify(pki.tax().issuing().getPublicKey());
        assertThat(ec.getPublicKey()).isEqualTo(tokenKey.getPublic());
        assertThat(rs.getPublicKey()).isEqualTo(rsa.getPublic());
        assertThat(rs.getSigAlgName()).isEqualTo("SHA256withECDSA"); // the CA's key decides
        assertThat(rs.getIssuerX500Principal()).isEqualTo(pki.tax().issuing().getSubjectX500Principal());
        ec.checkValidity();
    }

    @Test
    void subjectIsCountryNameCommonNameAndUsccInThatOrder() throws Exception {
        Enterprise who = new Enterprise("杭州市演示网络有限公司", "91330100708461136T".substring(0, 17)
                + Uscc.checkCharacter("91330100708461136"));
        X509Certificate cert = pki.issueClientCertificate(pki.tax(), TokenKeys.info(tokenKey), who,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] rdns = subject.getRDNs();
        assertThat(rdns).hasSize(4);
        assertThat(rdns[0].getFirst().getType()).isEqualTo(BCStyle.C);
        assertThat(rdns[1].getFirst().getType()).isEqualTo(BCStyle.O);
        assertThat(rdns[2].getFirst().getType()).isEqualTo(BCStyle.CN);
        assertThat(rdns[3].getFirst().getType()).isEqualTo(BCStyle.SERIALNUMBER);

        ASN1Encodable o = rdns[1].getFirst().getValue();
        ASN1Encodable cn = rdns[2].getFirst().getValue();
        assertThat(o).isInstanceOf(ASN1UTF8String.class);
        assertThat(cn).isInstanceOf(ASN1UTF8String.class);
        assertThat(((ASN1UTF8String) o).getString()).isEqualTo("杭州市演示网络有限公司");
        assertThat(((ASN1UTF8String) cn).getString()).isEqualTo("杭州市演示网络有限公司");
        String serialNumber = rdns[3].getFirst().getValue().toString();
        assertThat(serialNumber).isEqualTo(who.uscc());
        assertThat(Uscc.findIn(serialNumber)).contains(Uscc.parse(who.uscc()));
        // the JDK's own reading of the name agrees
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=杭州市演示网络有限公司", "O=杭州市演示网络有限公司");
    }

    @Test
    void endEntityExtensionsAreAsSpecified() throws Exception {
        X509Certificate cert = issueCurrent(pki.socialSecurity(), tokenKey);
        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(cert.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");

        Extension policies = new JcaX509CertificateHolder(cert).getExtension(Extension.certificatePolicies);
        assertThat(policies.isCritical()).isFalse();
        PolicyInformation[] infos = CertificatePolicies.getInstance(policies.getParsedValue()).getPolicyInformation();
        assertThat(infos).hasSize(1);
        assertThat(infos[0].getPolicyIdentifier().getId()).isEqualTo(DemoPki.DEMO_POLICY_OID);

        assertThat(DemoPkiCaTest.subjectKeyId(cert)).isEqualTo(DemoPkiCaTest.sha1OfPublicKey(cert));
        assertThat(DemoPkiCaTest.authorityKeyId(cert)).isEqualTo(DemoPkiCaTest.subjectKeyId(pki.socialSecurity().issuing()));
    }

    @Test
    void serialsArePositiveSixteenByteAndFresh() {
        X509Certificate a = issueCurrent(pki.tax(), tokenKey);
        X509Certificate b = issueCurrent(pki.tax(), tokenKey);
        for (X509Certificate cert : new X509Certificate[] {a, b}) {
            assertThat(cert.getSerialNumber().signum()).isEqualTo(1);
            assertThat(cert.getSerialNumber().toByteArray()).hasSize(16);
        }
        assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
    }

    @Test
    void certificateWhoseWindowEndedIsExpired() throws Exception {
        Instant notBefore = NOW.minus(Duration.ofDays(200));
        Instant notAfter = NOW.minus(Duration.ofDays(1));
        X509Certificate cert = pki.issueClientCertificate(
                pki.socialSecurity(), TokenKeys.info(tokenKey), DemoPki.demoEnterprise(), notBefore, notAfter);
        assertThatThrownBy(cert::checkValidity).isInstanceOf(CertificateExpiredException.class);
        cert.checkValidity(Date.from(NOW.minus(Duration.ofDays(100)))); // valid inside its window
        cert.verify(pki.socialSecurity().issuing().getPublicKey());
    }

    @Test
    void windowsOutsideTheIssuingCaOrEmptyAreRefused() {
        Instant caStart = pki.tax().issuing().getNotBefore().toInstant();
        Enterprise who = DemoPki.demoEnterprise();
        assertThatThrownBy(() -> pki.issueClientCertificate(pki.tax(), TokenKeys.info(tokenKey), who,
                caStart.minusSeconds(1), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuing CA");
        assertThatThrownBy(() -> pki.issueClientCertificate(pki.tax(), TokenKeys.info(tokenKey), who,
                NOW, NOW.plus(Duration.ofDays(365 * 11))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuing CA");
        assertThatThrownBy(() -> pki.issueClientCertificate(pki.tax(), TokenKeys.info(tokenKey), who, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before notAfter");
    }

    @Test
    void demoEnterpriseIsAShenzhenCompanyWithBothChecksRight() {
        Enterprise demo = DemoPki.demoEnterprise();
        Uscc uscc = Uscc.parse(demo.uscc());
        assertThat(demo.uscc()).startsWith("91440300").hasSize(18);
        assertThat(uscc.administrativeDivision()).isEqualTo("440300");
        assertThat(uscc.organizationCodeValid()).isTrue();
        assertThat(demo.name()).startsWith("深圳市").endsWith("有限公司");
    }

    @Test
    void enterpriseRefusesInvalidCodesAndNormalizesValidOnes() {
        String code = DemoPki.demoEnterprise().uscc();
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        assertThatThrownBy(() -> new Enterprise("某公司", code.substring(0, 17) + wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check character");
        assertThatThrownBy(() -> new Enterprise(" ", code)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Enterprise("某公司", " " + code.toLowerCase() + " ").uscc()).isEqualTo(code);
    }
}
