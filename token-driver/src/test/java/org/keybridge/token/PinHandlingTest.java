package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.PinException;
import org.keybridge.testkeys.TestKeys;

/**
 * PIN behaviour on the real SoftHSM module, seen through the fault-injecting module that counts every C_Login and can
 * report the counters SoftHSM never sets (FINAL_TRY, LOCKED).
 */
class PinHandlingTest {
    @TempDir static Path work;
    static DemoKeys.DemoKeySet keys;
    static Path control, counts;
    static TokenDriver driver;
    static DemoKeys.DemoToken tax;

    @BeforeAll
    static void open() {
        keys = TestKeys.fresh("pin");
        control = work.resolve("faults.txt");
        counts = work.resolve("calls.txt");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)), DriverOptions.defaults());
        tax = keys.token(DemoKeys.TAX_LABEL);
    }

    @AfterAll
    static void close() { driver.close(); }

    @BeforeEach
    void clean() throws Exception {
        Files.deleteIfExists(control);
        Files.deleteIfExists(counts);
    }

    @AfterEach
    void noFaultsLeft() throws Exception { Files.deleteIfExists(control); }

    @Test
    void wrongPinIsOneLoginAndReportsTheCounters() {
        List<PinRequest> asked = new ArrayList<>();
        assertThatThrownBy(() -> driver.login(tax.certificateId(), r -> {
            asked.add(r);
            return "000000".equals(tax.userPin()) ? "111111".toCharArray() : "000000".toCharArray();
        })).isInstanceOfSatisfying(PinException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
            assertThat(e.pinState().flags()).contains(PinFlag.COUNT_LOW); // SoftHSM sets it after a wrong PIN
        });
        assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(1);
        assertThat(asked).hasSize(1);
        // the right PIN still works: nothing was locked by the driver
        try (SigningSession s = driver.login(tax.certificateId(), r -> tax.userPin().toCharArray())) {
            assertThat(s.sign(SignatureAlgorithm.ES256, new byte[] {1})).hasSize(64);
        }
        assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(2);
    }

    @Test
    void lockedPinIsReportedBeforeAnyAttempt() throws Exception {
        Files.writeString(control, "FLAGS_OR=0x40000\n");
        boolean[] asked = {false};
        assertThatThrownBy(() -> driver.login(tax.certificateId(), r -> {
            asked[0] = true;
            return tax.userPin().toCharArray();
        })).isInstanceOfSatisfying(PinException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PIN_LOCKED);
            assertThat(e.pinState().locked()).isTrue();
        });
        assertThat(asked[0]).as("no PIN asked for a locked token").isFalse();
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
        assertThat(TokenListingTest.token(driver, DemoKeys.TAX_LABEL).pinState().flags()).contains(PinFlag.LOCKED);
    }

    @Test
    void tokenThatLocksDuringLoginGivesPinLocked() throws Exception {
        Files.writeString(control, "C_Login=0xA4\n");
        assertThatThrownBy(() -> driver.login(tax.certificateId(), r -> tax.userPin().toCharArray()))
                .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_LOCKED));
        assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(1);
    }

    @Test
    void finalTryReachesThePinPromptAndTheListing() throws Exception {
        Files.writeString(control, "FLAGS_OR=0x30000\n");
        List<PinRequest> asked = new ArrayList<>();
        try (SigningSession s = driver.login(tax.certificateId(), r -> {
            asked.add(r);
            return tax.userPin().toCharArray();
        })) {
            assertThat(s.certificate().id()).isEqualTo(tax.certificateId());
        }
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.pinState().finalTry()).isTrue();
            assertThat(r.tokenLabel()).isEqualTo(DemoKeys.TAX_LABEL);
        });
        assertThat(TokenListingTest.token(driver, DemoKeys.TAX_LABEL).pinState().ordered())
                .containsExactly(PinFlag.COUNT_LOW, PinFlag.FINAL_TRY);
    }

    @Test
    void cancelledPromptMakesNoLogin() {
        assertThatThrownBy(() -> driver.login(tax.certificateId(), r -> null))
                .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_CANCELLED));
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
    }

    @Test
    void pinArrayIsWipedAfterUse() {
        char[] given = tax.userPin().toCharArray();
        try (SigningSession s = driver.login(tax.certificateId(), r -> given)) {
            assertThat(s).isNotNull();
        }
        assertThat(new String(given)).isEqualTo("\0".repeat(given.length));
    }
}
