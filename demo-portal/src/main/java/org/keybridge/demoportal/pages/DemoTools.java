package org.keybridge.demoportal.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keybridge.demoportal.DemoKeyRack;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.account.OutboxSmsGateway;

/**
 * What only a demo has, clearly labelled as such: the SMS outbox (the messages the hall would have sent) and the
 * simulated insertion and removal of the tax-CA key.
 */
final class DemoTools {
    private DemoTools() {}

    static void register(WebServer s) {
        s.get("/demo", DemoTools::show);
        s.post("/demo/keys", DemoTools::keys);
    }

    static void show(Web web) throws Exception {
        DemoKeyRack rack = web.site().keys();
        Map<String, Object> m = new HashMap<>();
        List<Map<String, String>> messages = new ArrayList<>();
        for (var sms : web.site().outbox().messages()) {
            messages.add(0, Map.of("at", Formats.dateTime(sms.at(), web.locale()), "phone", sms.to(), "text", sms.text()));
        }
        m.put("messages", messages); // newest first
        m.put("hasMessages", !messages.isEmpty());
        m.put("outboxLabel", OutboxSmsGateway.LABEL);
        m.put("rack", rack.available());
        m.put("inserted", rack.available() && rack.inserted());
        m.put("taxToken", rack.label());
        m.put("sm2", rack.sm2());
        web.render("demo", m);
    }

    static void keys(Web web) throws Exception {
        web.requireCsrf();
        DemoKeyRack rack = web.site().keys();
        if (!rack.available()) throw new Web.BadRequest("the demo key rack is not prepared");
        if ("insert".equals(web.form("action"))) rack.insert();
        else rack.remove();
        web.redirect("/demo");
    }
}
