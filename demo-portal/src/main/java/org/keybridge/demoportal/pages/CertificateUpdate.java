package org.keybridge.demoportal.pages;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.keybridge.demoportal.hall.CertificateView;
import org.keybridge.demoportal.hall.HallException;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;

/**
 * Step 3: "Update CA certificate". The page asks for the tax-CA key, watches the agent's events until a key with a
 * valid certificate is in, then gets a BIND nonce and the agent's bind-certificate token (the agent's dialog asks the
 * PIN and says the key will be bound); here portal-kit validates it and the account is bound to the new certificate.
 */
final class CertificateUpdate {
    private CertificateUpdate() {}

    static void register(WebServer s) {
        s.get("/enterprise/certificate", CertificateUpdate::show);
        s.post("/enterprise/certificate", CertificateUpdate::bind);
    }

    static void show(Web web) throws Exception {
        String account = Access.account(web);
        if (account == null) return;
        web.render("certificate-update", Map.of("uscc", web.portal().hall().account(account).uscc()));
    }

    static void bind(Web web) throws Exception {
        web.requireCsrf();
        String account = Access.account(web);
        if (account == null) return;
        try {
            CertificateView c = web.portal().hall().rebind(web.session().id(), account, web.form("token"), web.form("nonce"));
            web.render("certificate-updated", Map.of("cert", Formats.certificate(c, web.locale(), Instant.now())));
        } catch (HallException e) {
            Map<String, Object> m = new HashMap<>(Access.error(web, e));
            m.put("uscc", web.portal().hall().account(account).uscc());
            web.render(403, "certificate-update", m);
        }
    }
}
