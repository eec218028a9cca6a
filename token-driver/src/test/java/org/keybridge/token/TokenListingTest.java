package org.keybridge.token;

import org.keybridge.format.KeyType;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keybridge.demo.DemoKeys;
import org.keybridge.demo.DemoPki;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.uscc.Uscc;

/** Listing tokens and certificates from the real SoftHSM2 demo store. */
class TokenListingTest {
    static DemoKeys.DemoKeySet keys;
    static TokenDriver driver;

    @BeforeAll
    static void open() {
        keys = TestKeys.shared();
        driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults());
    }

    @AfterAll
    static void close() { driver.close(); }

    static Token token(TokenDriver d, String label) {
        return d.tokens().stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void bothDemoTokensAreListedWithTheirChineseLabels() {
        assertThat(driver.tokens()).extracting(Token::label)
                .containsExactlyInAnyOrder(DemoKeys.SOCIAL_SECURITY_LABEL, DemoKeys.TAX_LABEL);
        Token tax = token(driver, DemoKeys.TAX_LABEL);
        assertThat(tax.manufacturer()).isEqualTo("SoftHSM project");
        assertThat(tax.serialNumber()).isNotBlank();
        assertThat(tax.loginRequired()).isTrue();
        assertThat(tax.pinState().flags()).isEmpty();
    }

    @Test
    void socialSecurityCertificateIsExpiredAndTaxCertificateValid() {
        TokenCertificate ss = token(driver, DemoKeys.SOCIAL_SECURITY_LABEL).certificates().get(0);
        TokenCertificate tax = token(driver, DemoKeys.TAX_LABEL).certificates().get(0);
        assertThat(ss.status()).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(tax.status()).isEqualTo(CertificateStatus.VALID);
        assertThat(ss.keyType()).isEqualTo(KeyType.RSA);
        assertThat(ss.keySize()).isEqualTo(2048);
        assertThat(tax.keyType()).isEqualTo(KeyType.EC);
        assertThat(tax.curve()).isEqualTo("P-256");
    }

    @Test
    void bothCertificatesCarryTheSameValidUscc() {
        String expected = DemoPki.demoEnterprise().uscc();
        for (TokenCertificate c : driver.certificates()) {
            assertThat(c.uscc()).isEqualTo(expected);
            assertThat(Uscc.isValid(c.uscc())).isTrue();
            assertThat(c.subject()).contains("SERIALNUMBER=" + expected).contains(DemoPki.demoEnterprise().name());
        }
    }

    @Test
    void certificateFactsAreReadFromTheCertificateOnTheToken() throws Exception {
        for (TokenCertificate c : driver.certificates()) {
            byte[] der = c.certificate().getEncoded();
            assertThat(c.id()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
            assertThat(c.keyUsage()).containsExactly("digitalSignature");
            assertThat(c.extendedKeyUsage()).containsExactly("clientAuth");
            assertThat(c.hasPrivateKey()).isTrue();
            assertThat(c.objectId()).isEqualTo("01");
            assertThat(c.id()).isEqualTo(keys.token(c.tokenLabel()).certificateId());
        }
    }

    @Test
    void statusFollowsTheInjectedClock() {
        TokenCertificate tax = driver.certificate(keys.token(DemoKeys.TAX_LABEL).certificateId());
        Instant end = tax.notAfter();
        assertThat(statusAt(end.minus(Duration.ofDays(10)), 30, tax.id())).isEqualTo(CertificateStatus.EXPIRING_SOON);
        assertThat(statusAt(end.minus(Duration.ofDays(10)), 5, tax.id())).isEqualTo(CertificateStatus.VALID);
        assertThat(statusAt(end.plusSeconds(1), 30, tax.id())).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(statusAt(tax.notBefore().minusSeconds(1), 30, tax.id())).isEqualTo(CertificateStatus.NOT_YET_VALID);
    }

    private static CertificateStatus statusAt(Instant now, int soonDays, String id) {
        DriverOptions o = DriverOptions.defaults().withClock(Clock.fixed(now, ZoneOffset.UTC))
                .withExpiringSoon(Duration.ofDays(soonDays));
        driver.close(); // one driver per module copy at a time
        try (TokenDriver d = TokenDriver.open(List.of(keys.moduleSpec()), o)) {
            return d.certificate(id).status();
        } finally {
            driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults());
        }
    }

    @Test
    void slotsIncludeTheEmptySlotSoftHsmKeepsFree() {
        List<TokenSlot> slots = driver.slots();
        assertThat(slots).hasSizeGreaterThanOrEqualTo(3);
        assertThat(slots).allMatch(TokenSlot::tokenPresent);
    }
}
