package org.keybridge.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.auth.CertificateDetails;
import org.keybridge.portal.auth.CertificateExpiredException;
import org.keybridge.portal.binding.Binding;
import org.keybridge.portal.binding.BindingAuditEntry;
import org.keybridge.portal.binding.BindingChange;
import org.keybridge.portal.binding.CertificateNotBoundException;
import org.keybridge.portal.challenge.Purpose;
import org.keybridge.portal.session.LoginMethod;

/** The employer's story through the facade: expired key, password login, change, rebind, tax-key login, reset. */
class PortalStoryTest {
    @TempDir Path dir;
    PortalFixture f;
    Portal portal;
    Account account;

    @BeforeEach
    void setUp() throws Exception {
        f = new PortalFixture(dir);
        portal = f.portal;
        account = portal.createAccount("shenzhen-example", PortalFixture.USCC, PortalFixture.PHONE);
        portal.seedBinding(account, f.socialExpired);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void wholeStory() throws Exception {
        // 1. the expired social-security key: refused, with which certificate and since when
        String s1 = "session-1";
        String nonce = portal.challenge(s1, Purpose.LOGIN).value();
        assertThatThrownBy(() -> portal.loginWithCertificate(s1, f.token(f.socialExpired, f.socialKey, nonce)))
                .isInstanceOfSatisfying(CertificateExpiredException.class, e -> {
                    CertificateDetails d = e.certificate();
                    assertThat(d.notAfter()).isEqualTo(f.socialExpired.getNotAfter().toInstant());
                    assertThat(d.commonName()).isEqualTo("Shenzhen Example Technology");
                    assertThat(d.uscc()).isEqualTo(PortalFixture.USCC);
                    assertThat(e.code()).isEqualTo("CERTIFICATE_EXPIRED");
                });

        // 2. password login with the initial password: must change it, and may not bind meanwhile
        PasswordLogin login = portal.loginWithPassword(s1, "shenzhen-example", "123456");
        assertThat(login.mustChangePassword()).isTrue();
        String early = portal.challenge(s1, Purpose.BIND).value();
        assertThatThrownBy(() -> portal.rebind(s1, account, f.token(f.tax, f.taxKey, early)))
                .isInstanceOfSatisfying(PortalException.class, e -> assertThat(e.code()).isEqualTo("PASSWORD_CHANGE_REQUIRED"));
        Account changed = portal.changePassword(s1, "shenzhen-example", "123456", "Kb-2026-secret");
        assertThat(changed.mustChangePassword()).isFalse();
        assertThat(portal.loginWithPassword(null, "shenzhen-example", "Kb-2026-secret").mustChangePassword()).isFalse();

        // 3. rebind to the tax key in the same session
        String bindNonce = portal.challenge(s1, Purpose.BIND).value();
        BindingChange change = portal.rebind(s1, account, f.token(f.tax, f.taxKey, bindNonce));
        assertThat(change.previous().certificate().serialNumber()).isEqualTo(f.socialExpired.getSerialNumber().toString(16));
        assertThat(change.previous().unboundAt()).isNotNull();
        assertThat(change.current().certificate().spkiSha256()).isEqualTo(CertificateDetails.spkiSha256(f.tax));
        assertThat(portal.binding(account)).map(Binding::id).contains(change.current().id());
        List<Binding> history = portal.history(account);
        assertThat(history).extracting(b -> b.certificate().issuer())
                .containsExactly(f.socialExpired.getIssuerX500Principal().getName(), f.tax.getIssuerX500Principal().getName());
        List<BindingAuditEntry> audit = portal.audit(account);
        assertThat(audit).extracting(BindingAuditEntry::action).containsExactly("SEED", "REBIND");
        BindingAuditEntry rebind = audit.get(1);
        assertThat(rebind.previous().serialNumber()).isEqualTo(f.socialExpired.getSerialNumber().toString(16));
        assertThat(rebind.current().serialNumber()).isEqualTo(f.tax.getSerialNumber().toString(16));
        assertThat(rebind.loginMethod()).isEqualTo(LoginMethod.PASSWORD);

        // 4. log out; log in with the tax key in a new session
        portal.logout(s1);
        String s2 = "session-2";
        String n2 = portal.challenge(s2, Purpose.LOGIN).value();
        assertThat(portal.loginWithCertificate(s2, f.token(f.tax, f.taxKey, n2)).id()).isEqualTo(account.id());
        assertThat(portal.sessionLogin(s2)).map(l -> l.method()).contains(LoginMethod.CERTIFICATE);

        // 5. forgotten password: a code by SMS to the administrator's phone
        PasswordResetStarted started = portal.startPasswordReset("shenzhen-example");
        assertThat(started.maskedPhone()).isEqualTo("138****8000");
        var sms = f.outbox.messages();
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).to()).isEqualTo(PortalFixture.PHONE);
        String code = sms.get(0).text().replaceAll(".*?(\\d{6}).*", "$1");
        portal.resetPassword("shenzhen-example", code, "New-pass-77");
        assertThat(portal.loginWithPassword(null, "shenzhen-example", "New-pass-77").account().id()).isEqualTo(account.id());
    }

    @Test
    void validCertificateBoundToNoAccountIsRefused() throws Exception {
        String n = portal.challenge("s", Purpose.LOGIN).value();
        assertThatThrownBy(() -> portal.loginWithCertificate("s", f.token(f.tax, f.taxKey, n)))
                .isInstanceOf(CertificateNotBoundException.class);
    }

    @Test
    void migrationsRunOnAFreshDatabaseAndNotAgain() throws Exception {
        assertThat(f.db.migrationsApplied()).isEqualTo(1);
        f.close();
        try (var again = org.keybridge.portal.store.PortalDatabase.h2(dir)) {
            assertThat(again.migrationsApplied()).isZero();
            // the data survived the reopening
            Portal p2 = Portal.builder().database(again).validator(f.validator).clock(f.clock).smsGateway(f.outbox)
                    .passwordHasher(PortalFixture.FAST).build();
            assertThat(p2.account("shenzhen-example")).map(Account::uscc).contains(PortalFixture.USCC);
        }
        f = new PortalFixture(dir); // for tearDown
    }
}
