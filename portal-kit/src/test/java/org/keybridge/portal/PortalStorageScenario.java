package org.keybridge.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.challenge.Purpose;
import org.keybridge.portal.store.PortalDatabase;

/** The storage-touching part of the story, for any database: accounts, throttling, bindings, audit, reset codes. */
public final class PortalStorageScenario {
    private PortalStorageScenario() {}

    public static void run(Path dir, PortalDatabase db) throws Exception {
        PortalFixture f = new PortalFixture(dir, db);
        Portal portal = f.portal;
        Account a = portal.createAccount("pg-example", PortalFixture.USCC, PortalFixture.PHONE);
        portal.seedBinding(a, f.socialExpired);
        try {
            portal.loginWithPassword(null, "pg-example", "wrong");
        } catch (PortalException e) {
            assertThat(e.code()).isEqualTo("INVALID_CREDENTIALS");
        }
        assertThat(portal.loginWithPassword("s", "pg-example", "123456").mustChangePassword()).isTrue();
        portal.changePassword("s", "pg-example", "123456", "Pg-pass-2026");
        String n = portal.challenge("s", Purpose.BIND).value();
        var change = portal.rebind("s", a, f.token(f.tax, f.taxKey, n));
        assertThat(change.previous().certificate().notAfter()).isEqualTo(f.socialExpired.getNotAfter().toInstant());
        assertThat(portal.history(a)).hasSize(2);
        assertThat(portal.audit(a)).extracting(e -> e.action()).containsExactly("SEED", "REBIND");
        String ln = portal.challenge("t", Purpose.LOGIN).value();
        assertThat(portal.loginWithCertificate("t", f.token(f.tax, f.taxKey, ln)).id()).isEqualTo(a.id());
        portal.startPasswordReset("pg-example");
        var sms = f.outbox.messages();
        portal.resetPassword("pg-example", sms.get(sms.size() - 1).text().replaceAll(".*?(\\d{6}).*", "$1"), "Pg-pass-reset-1");
        assertThat(portal.loginWithPassword(null, "pg-example", "Pg-pass-reset-1").account().id()).isEqualTo(a.id());
    }
}
