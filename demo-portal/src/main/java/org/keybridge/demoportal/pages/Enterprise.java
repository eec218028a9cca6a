package org.keybridge.demoportal.pages;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.binding.Binding;
import org.keybridge.portal.session.LoginMethod;

/** "Enterprise management": the company, how the user logged in, the bound CA certificate and its audit trail. */
final class Enterprise {
    private Enterprise() {}

    static void register(WebServer s) {
        s.get("/enterprise", Enterprise::show);
    }

    static void show(Web web) throws Exception {
        Account a = Access.account(web);
        if (a == null) return;
        Instant now = Instant.now();
        CertificateView bound = web.portal().binding(a).map(Binding::certificate).map(CertificateView::of).orElse(null);
        Map<String, Object> m = new HashMap<>();
        m.put("company", bound == null ? a.username() : bound.organization());
        m.put("uscc", a.uscc());
        m.put("phone", a.maskedPhone());
        m.put("viaCertificate", web.portal().sessionLogin(web.session().key())
                .map(l -> l.method() == LoginMethod.CERTIFICATE).orElse(false));
        m.put("binding", Formats.certificate(bound, web.locale(), now));
        var audit = web.portal().audit(a).stream().filter(e -> e.previous() != null).map(e -> {
            Map<String, Object> row = new HashMap<>();
            row.put("at", Formats.dateTime(e.at(), web.locale()));
            row.put("from", Formats.certificate(CertificateView.of(e.previous()), web.locale(), now));
            row.put("to", Formats.certificate(CertificateView.of(e.current()), web.locale(), now));
            return row;
        }).toList();
        m.put("history", audit);
        m.put("hasHistory", !audit.isEmpty());
        web.render("enterprise", m);
    }
}
