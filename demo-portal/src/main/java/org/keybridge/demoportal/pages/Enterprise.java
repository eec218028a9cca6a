package org.keybridge.demoportal.pages;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.keybridge.demoportal.hall.Hall;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;

/** "Enterprise management": the company, how the user logged in, the bound CA certificate and its history. */
final class Enterprise {
    private Enterprise() {}

    static void register(WebServer s) {
        s.get("/enterprise", Enterprise::show);
    }

    static void show(Web web) throws Exception {
        String account = Access.account(web);
        if (account == null) return;
        Hall.AccountView a = web.portal().hall().account(account);
        Instant now = Instant.now();
        Map<String, Object> m = new HashMap<>();
        m.put("company", a.company());
        m.put("uscc", a.uscc());
        m.put("phone", a.phone());
        m.put("viaCertificate", "certificate".equals(web.session().loginMethod()));
        m.put("binding", Formats.certificate(a.binding(), web.locale(), now));
        m.put("history", a.history().stream().map(h -> {
            Map<String, Object> e = new HashMap<>();
            e.put("at", Formats.dateTime(h.at(), web.locale()));
            e.put("from", Formats.certificate(h.from(), web.locale(), now));
            e.put("to", Formats.certificate(h.to(), web.locale(), now));
            return e;
        }).toList());
        m.put("hasHistory", !a.history().isEmpty());
        web.render("enterprise", m);
    }
}
