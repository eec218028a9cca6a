package org.keybridge.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.portal.account.AccountLockedException;

/** Passwords through the facade: throttling, the first-login change, the policy, and SMS reset codes. */
class AccountsTest {
    static final String USER = "shenzhen-example";

    @TempDir Path dir;
    PortalFixture f;
    Portal portal;

    @BeforeEach
    void setUp() throws Exception {
        f = new PortalFixture(dir);
        portal = f.portal;
        portal.createAccount(USER, PortalFixture.USCC, PortalFixture.PHONE);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PortalException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private String lastCode() {
        var m = f.outbox.messages();
        return m.get(m.size() - 1).text().replaceAll(".*?(\\d{6}).*", "$1");
    }

    @Test
    void fiveWrongPasswordsLockWithADelayThatGrows() throws Exception {
        for (int i = 0; i < 4; i++) assertCode(() -> portal.loginWithPassword(null, USER, "wrong"), "INVALID_CREDENTIALS");
        // the 5th locks for a minute, and then even the right password is refused
        assertThatThrownBy(() -> portal.loginWithPassword(null, USER, "wrong"))
                .isInstanceOfSatisfying(AccountLockedException.class,
                        e -> assertThat(e.lockedUntil()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(1))));
        assertCode(() -> portal.loginWithPassword(null, USER, "123456"), "ACCOUNT_LOCKED");
        // after the minute, one more wrong password locks for two
        f.clock.advance(Duration.ofMinutes(1));
        Instant now = f.clock.instant();
        assertThatThrownBy(() -> portal.loginWithPassword(null, USER, "wrong"))
                .isInstanceOfSatisfying(AccountLockedException.class,
                        e -> assertThat(e.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(2))));
        f.clock.advance(Duration.ofMinutes(2));
        // the right password works and resets the count
        assertThat(portal.loginWithPassword(null, USER, "123456").mustChangePassword()).isTrue();
        for (int i = 0; i < 4; i++) assertCode(() -> portal.loginWithPassword(null, USER, "wrong"), "INVALID_CREDENTIALS");
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() {
        assertCode(() -> portal.loginWithPassword(null, "nobody", "123456"), "INVALID_CREDENTIALS");
    }

    @Test
    void initialPasswordMustBeChangedAndPolicyApplies() throws Exception {
        assertThat(portal.loginWithPassword("s", USER, "123456").mustChangePassword()).isTrue();
        assertThat(portal.sessionLogin("s").orElseThrow().passwordChangePending()).isTrue();
        assertCode(() -> portal.changePassword("s", USER, "123456", "short1"), "PASSWORD_TOO_WEAK");
        assertCode(() -> portal.changePassword("s", USER, "123456", "onlyletters"), "PASSWORD_TOO_WEAK");
        assertCode(() -> portal.changePassword("s", USER, "123456", "x" + USER + "1"), "PASSWORD_TOO_WEAK");
        assertCode(() -> portal.changePassword("s", USER, "wrong", "Good-pass-1"), "INVALID_CREDENTIALS");
        portal.changePassword("s", USER, "123456", "Good-pass-1");
        assertThat(portal.sessionLogin("s").orElseThrow().passwordChangePending()).isFalse();
        assertCode(() -> portal.loginWithPassword(null, USER, "123456"), "INVALID_CREDENTIALS");
        assertThat(portal.loginWithPassword(null, USER, "Good-pass-1").mustChangePassword()).isFalse();
    }

    @Test
    void resetCodeIsSingleUse() throws Exception {
        PasswordResetStarted started = portal.startPasswordReset(USER);
        assertThat(started.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(10)));
        String code = lastCode();
        assertThat(code).matches("\\d{6}");
        assertThat(f.outbox.messages().get(0).text()).contains(code).contains("10");
        portal.resetPassword(USER, code, "Reset-pass-1");
        assertCode(() -> portal.resetPassword(USER, code, "Reset-pass-2"), "RESET_CODE_INVALID");
        assertThat(portal.loginWithPassword(null, USER, "Reset-pass-1").mustChangePassword()).isFalse();
    }

    @Test
    void resetCodeExpiresAfterTenMinutes() throws Exception {
        portal.startPasswordReset(USER);
        String code = lastCode();
        f.clock.advance(Duration.ofMinutes(10));
        assertCode(() -> portal.resetPassword(USER, code, "Reset-pass-1"), "RESET_CODE_EXPIRED");
        assertCode(() -> portal.resetPassword(USER, code, "Reset-pass-1"), "RESET_CODE_INVALID");
    }

    @Test
    void fiveWrongCodesSpendTheCode() throws Exception {
        portal.startPasswordReset(USER);
        String code = lastCode();
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) assertCode(() -> portal.resetPassword(USER, wrong, "Reset-pass-1"), "RESET_CODE_INVALID");
        assertCode(() -> portal.resetPassword(USER, code, "Reset-pass-1"), "RESET_CODE_INVALID");
    }

    @Test
    void resetClearsTheLockAndIsRateLimited() throws Exception {
        for (int i = 0; i < 5; i++) {
            try {
                portal.loginWithPassword(null, USER, "wrong");
            } catch (PortalException expected) {
                // counting failures
            }
        }
        assertCode(() -> portal.loginWithPassword(null, USER, "123456"), "ACCOUNT_LOCKED");
        portal.startPasswordReset(USER);
        assertCode(() -> portal.startPasswordReset(USER), "RESET_TOO_SOON");
        assertThat(f.outbox.messages()).hasSize(1);
        portal.resetPassword(USER, lastCode(), "Reset-pass-1");
        assertThat(portal.loginWithPassword(null, USER, "Reset-pass-1").account().username()).isEqualTo(USER);
        assertCode(() -> portal.startPasswordReset("nobody"), "ACCOUNT_UNKNOWN");
    }

    @Test
    void everyCodeHasAMessageInThreeLanguages() {
        for (PortalCode c : PortalCode.values()) {
            for (String tag : new String[] {"en", "zh-CN", "es"}) {
                String m = PortalMessages.forCode(c.name(), java.util.Locale.forLanguageTag(tag));
                assertThat(m).as(c + " " + tag).isNotBlank().doesNotStartWith("code.");
            }
        }
        assertThat(PortalMessages.forCode("USCC_MISMATCH", java.util.Locale.SIMPLIFIED_CHINESE)).contains("统一社会信用代码");
    }
}
