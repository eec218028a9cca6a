package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.testkeys.TestKeys;

/** A key pulled out mid-use gives TOKEN_REMOVED, never a hang or a crash; once back, the next call works. */
class TokenRemovalTest {
    @TempDir Path work;
    static final byte[] DATA = {1, 2, 3};
    DemoKeys.DemoKeySet keys;
    Path control, counts;

    /** Fresh demo keys behind the fault module ({@link #control} its faults, {@link #counts} its call log). */
    TokenDriver faultyDriver(String name) {
        keys = TestKeys.fresh(name);
        control = work.resolve("faults");
        counts = work.resolve("calls");
        return TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)), DriverOptions.defaults());
    }

    @Test
    void deviceRemovedDuringSigningThenReinserted() throws Exception {
        try (TokenDriver driver = faultyDriver("removed")) {
            DemoKeys.DemoToken tax = keys.token(DemoKeys.TAX_LABEL);
            SigningSession s = driver.login(tax.certificateId(), r -> tax.userPin().toCharArray());
            assertThat(s.sign(SignatureAlgorithm.ES256, DATA)).hasSize(64);

            Files.writeString(control, "REMOVED=1\n"); // pulled out: CKR_DEVICE_REMOVED on the session
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> s.sign(SignatureAlgorithm.ES256, DATA)).isInstanceOfSatisfying(
                            KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REMOVED)));
            s.close();
            assertThat(driver.tokens()).isEmpty();
            assertThatThrownBy(() -> driver.login(tax.certificateId(), r -> tax.userPin().toCharArray()))
                    .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CERTIFICATE));

            Files.delete(control); // inserted again
            try (SigningSession again = driver.login(tax.certificateId(), r -> tax.userPin().toCharArray())) {
                assertThat(SigningTest.verifyOver(SignatureAlgorithm.ES256, again.sign(SignatureAlgorithm.ES256, DATA), false, tax, DATA)).isTrue();
            }
            assertThat(TestKeys.calls(counts, "C_Initialize")).as("re-initialized after the removal").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anotherCallFailingOnceDoesNotKillAnOpenSession() throws Exception {
        try (TokenDriver driver = faultyDriver("transient")) {
            DemoKeys.DemoToken tax = keys.token(DemoKeys.TAX_LABEL);
            try (SigningSession s = driver.login(tax.certificateId(), r -> tax.userPin().toCharArray())) {
                // a watcher's poll fails once, as SoftHSM's does while another process rewrites the token file
                Files.writeString(control, "C_GetTokenInfo=0x5\n");
                driver.tokens();
                Files.delete(control);
                assertThat(SigningTest.verifyOver(SignatureAlgorithm.ES256, s.sign(SignatureAlgorithm.ES256, DATA), false,
                        tax, DATA)).as("the session in use survives").isTrue();
            }
            assertThat(TestKeys.calls(counts, "C_Initialize")).as("re-initialized only after the session closed").isEqualTo(1);
            assertThat(driver.tokens()).hasSize(2);
            assertThat(TestKeys.calls(counts, "C_Initialize")).isEqualTo(2);
        }
    }

    @Test
    void aTokenWhoseReadFailsOnceIsStillListed() throws Exception {
        try (TokenDriver driver = faultyDriver("readonce")) {
            // one failed read, as SoftHSM gives while the token file is rewritten: not a removal
            Files.writeString(control, "ONESHOT=1\nC_FindObjectsInit=0x5\n");
            assertThat(driver.tokens()).extracting(Token::label)
                    .containsExactlyInAnyOrder(DemoKeys.TAX_LABEL, DemoKeys.SOCIAL_SECURITY_LABEL);
            assertThat(control).as("the fault fired").doesNotExist();
            // a token that keeps failing is left out, the listing goes on
            Files.writeString(control, "C_FindObjectsInit=0x5\n");
            assertThat(driver.tokens()).isEmpty();
        }
    }

    @Test
    void aKeySearchThatFailsOnceAfterLoginIsSearchedAgainWithoutASecondLogin() throws Exception {
        try (TokenDriver driver = faultyDriver("findonce")) {
            DemoKeys.DemoToken tax = keys.token(DemoKeys.TAX_LABEL);
            TokenCertificate cert = driver.certificate(tax.certificateId());
            // the only C_FindObjectsInit from here on is the private-key search after C_Login
            Files.writeString(control, "ONESHOT=1\nC_FindObjectsInit=0x5\n");
            try (SigningSession s = driver.login(cert, r -> tax.userPin().toCharArray())) {
                assertThat(control).as("the fault fired").doesNotExist();
                assertThat(SigningTest.verifyOver(SignatureAlgorithm.ES256, s.sign(SignatureAlgorithm.ES256, DATA), false,
                        tax, DATA)).isTrue();
            }
            assertThat(TestKeys.calls(counts, "C_Login")).as("one login, the PIN given once").isEqualTo(1);
        }
    }

    @Test
    void signReportingDeviceRemovedIsTokenRemovedAndRecovers() throws Exception {
        try (TokenDriver driver = faultyDriver("csign")) {
            DemoKeys.DemoToken ss = keys.token(DemoKeys.SOCIAL_SECURITY_LABEL);
            Files.writeString(control, "C_Sign=0x32\n");
            assertThatThrownBy(() -> driver.sign(ss.certificateId(), SignatureAlgorithm.RS256, EcdsaEncoding.RAW, DATA,
                    r -> ss.userPin().toCharArray()))
                    .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REMOVED));
            Files.delete(control);
            assertThat(driver.sign(ss.certificateId(), SignatureAlgorithm.RS256, EcdsaEncoding.RAW, DATA,
                    r -> ss.userPin().toCharArray())).hasSize(256);
        }
    }

    @Test
    void softHsmTokenMovedAwayAndBackWithoutRestart() throws Exception {
        DemoKeys.DemoKeySet keys = TestKeys.fresh("mv");
        DemoKeys.DemoToken tax = keys.token(DemoKeys.TAX_LABEL);
        Path dir = TestKeys.tokenDirectory(keys, DemoKeys.TAX_LABEL);
        Path away = work.resolve("pulled-out");
        try (TokenDriver driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults())) {
            SigningSession s = driver.login(tax.certificateId(), r -> tax.userPin().toCharArray());
            assertThat(s.sign(SignatureAlgorithm.ES256, DATA)).hasSize(64);

            Files.move(dir, away);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> s.sign(SignatureAlgorithm.ES256, DATA)).isInstanceOfSatisfying(
                            KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REMOVED)));
            s.close();
            driver.refresh();
            assertThat(driver.tokens()).extracting(Token::label).containsExactly(DemoKeys.SOCIAL_SECURITY_LABEL);

            Files.move(away, dir);
            try (SigningSession again = driver.login(tax.certificateId(), r -> tax.userPin().toCharArray())) {
                assertThat(SigningTest.verifyOver(SignatureAlgorithm.ES256, again.sign(SignatureAlgorithm.ES256, DATA), false, tax, DATA)).isTrue();
            }
        }
    }
}
