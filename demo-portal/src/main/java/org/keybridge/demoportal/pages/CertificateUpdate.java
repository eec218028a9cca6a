package org.keybridge.demoportal.pages;

import java.time.Instant;
import java.util.Map;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.PortalException;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.binding.BindingChange;

/**
 * Step 3: "Update CA certificate". The page asks for the tax-CA key, watches the agent's events until a key with a
 * valid certificate is in, then gets a BIND nonce and the agent's bind-certificate token (the agent's dialog asks the
 * PIN and says the key will be bound); portal-kit validates it and rebinds the account to the new certificate.
 */
final class CertificateUpdate {
    private CertificateUpdate() {}

    static void register(WebServer s) {
        s.get("/enterprise/certificate", CertificateUpdate::show);
        s.post("/enterprise/certificate", CertificateUpdate::bind);
    }

    static void show(Web web) throws Exception {
        Account a = Access.account(web);
        if (a == null) return;
        web.render("certificate-update", Map.of("uscc", a.uscc()));
    }

    static void bind(Web web) throws Exception {
        web.requireCsrf();
        Account a = Access.account(web);
        if (a == null) return;
        try {
            BindingChange change = web.portal().rebind(web.session().key(), a, web.form("token"), web.form("nonce"));
            CertificateView now = CertificateView.of(change.current().certificate());
            web.render("certificate-updated", Map.of("cert", Formats.certificate(now, web.locale(), Instant.now())));
        } catch (PortalException e) {
            Map<String, Object> m = Access.error(web, e);
            m.put("uscc", a.uscc());
            web.render(403, "certificate-update", m);
        }
    }
}
