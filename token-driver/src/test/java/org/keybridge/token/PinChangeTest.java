package org.keybridge.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.PinException;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.testkeys.TestKeys;

/** C_SetPIN on the real SoftHSM module, through the fault module that counts every call. */
class PinChangeTest {
    @TempDir static Path work;
    static DemoKeys.DemoKeySet keys;
    static Path control, counts;
    static TokenDriver driver;
    static String pin;

    @BeforeAll
    static void open() {
        keys = TestKeys.fresh("pinchange");
        control = work.resolve("faults.txt");
        counts = work.resolve("calls.txt");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)), DriverOptions.defaults());
        pin = keys.token(DemoKeys.TAX_LABEL).userPin();
    }

    @AfterAll
    static void close() { driver.close(); }

    @BeforeEach
    void clean() throws Exception {
        Files.deleteIfExists(control);
        Files.deleteIfExists(counts);
    }

    static Token tax() {
        return driver.tokens().stream().filter(t -> t.label().equals(DemoKeys.TAX_LABEL)).findFirst().orElseThrow();
    }

    static boolean logsIn(String p) {
        String id = keys.token(DemoKeys.TAX_LABEL).certificateId();
        try (SigningSession s = driver.login(id, r -> p.toCharArray())) {
            return s.sign(SignatureAlgorithm.ES256, new byte[] {7}).length == 64;
        } catch (PinException e) {
            if (e.code() == ErrorCode.PIN_INCORRECT) return false;
            throw e;
        }
    }

    @Test
    void theNewPinLogsInTheOldOneNoLongerAndBothArraysAreWiped() {
        String fresh = pin.equals("80467291") ? "80467292" : "80467291";
        char[] oldPin = pin.toCharArray(), newPin = fresh.toCharArray();
        driver.changePin(tax(), oldPin, newPin);
        assertThat(TestKeys.calls(counts, "C_SetPIN")).isEqualTo(1);
        assertThat(oldPin).containsOnly((char) 0);
        assertThat(newPin).containsOnly((char) 0);
        assertThat(logsIn(fresh)).isTrue();
        assertThat(logsIn(pin)).isFalse();
        driver.changePin(tax(), fresh.toCharArray(), pin.toCharArray()); // back, for the other tests
        assertThat(logsIn(pin)).isTrue();
    }

    @Test
    void aWrongOldPinIsOneCallReportsTheCountersAndChangesNothing() {
        String wrong = pin.equals("00000000") ? "11111111" : "00000000";
        assertThatThrownBy(() -> driver.changePin(tax(), wrong.toCharArray(), "24681357".toCharArray()))
                .isInstanceOfSatisfying(PinException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                    assertThat(e.pinState().flags()).contains(PinFlag.COUNT_LOW);
                });
        assertThat(TestKeys.calls(counts, "C_SetPIN")).isEqualTo(1);
        assertThat(logsIn(pin)).isTrue();
    }

    @Test
    void aLockedPinIsReportedWithoutAnyAttempt() throws Exception {
        Files.writeString(control, "FLAGS_OR=0x40000\n");
        assertThatThrownBy(() -> driver.changePin(tax(), pin.toCharArray(), "24681357".toCharArray()))
                .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_LOCKED));
        assertThat(TestKeys.calls(counts, "C_SetPIN")).isZero();
    }

    @Test
    void aNewPinOutsideTheTokensLengthRangeIsPinInvalid() {
        Token t = tax();
        assertThat(t.minPinLength()).isGreaterThan(2);
        assertThatThrownBy(() -> driver.changePin(t, pin.toCharArray(), "12".toCharArray()))
                .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_INVALID));
        assertThat(TestKeys.calls(counts, "C_SetPIN")).isEqualTo(1);
        assertThat(logsIn(pin)).isTrue();
    }

    @Test
    void theTokenReportsTheToBeChangedFlagTheAssistantActsOn() throws Exception {
        Files.writeString(control, "FLAGS_OR=0x80000\n");
        assertThat(tax().pinState().flags()).contains(PinFlag.TO_BE_CHANGED);
        Files.deleteIfExists(control);
        assertThat(tax().pinState().flags()).doesNotContain(PinFlag.TO_BE_CHANGED);
    }
}
