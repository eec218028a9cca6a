package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.testkeys.TestKeys;

/** One login per token at a time: a second waits its bounded time, then BUSY, and never asks for a PIN. */
class BusyTokenTest {
    @Test
    void secondLoginOnTheSameTokenIsBusyUntilTheFirstCloses() {
        DemoKeys.DemoKeySet keys = TestKeys.shared();
        DemoKeys.DemoToken tax = keys.token(DemoKeys.TAX_LABEL), ss = keys.token(DemoKeys.SOCIAL_SECURITY_LABEL);
        try (TokenDriver d = TokenDriver.open(List.of(keys.moduleSpec()),
                DriverOptions.defaults().withBusyTimeout(Duration.ofMillis(200)))) {
            boolean[] askedAgain = {false};
            try (SigningSession first = d.login(tax.certificateId(), r -> tax.userPin().toCharArray())) {
                assertThatThrownBy(() -> d.login(tax.certificateId(), r -> {
                    askedAgain[0] = true;
                    return tax.userPin().toCharArray();
                })).isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
                // another token is not held up
                try (SigningSession other = d.login(ss.certificateId(), r -> ss.userPin().toCharArray())) {
                    assertThat(other.sign(SignatureAlgorithm.RS256, new byte[] {1})).hasSize(256);
                }
                assertThat(first.sign(SignatureAlgorithm.ES256, new byte[] {1})).hasSize(64);
            }
            assertThat(askedAgain[0]).isFalse();
            try (SigningSession again = d.login(tax.certificateId(), r -> tax.userPin().toCharArray())) {
                assertThat(again.sign(SignatureAlgorithm.ES256, new byte[] {2})).hasSize(64);
            }
        }
    }
}
