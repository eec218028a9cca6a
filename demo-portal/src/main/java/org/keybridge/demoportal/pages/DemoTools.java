package org.keybridge.demoportal.pages;

import java.util.HashMap;
import java.util.Map;
import org.keybridge.demoportal.DemoKeyRack;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;

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
        DemoKeyRack rack = web.portal().keys();
        Map<String, Object> m = new HashMap<>();
        m.put("messages", web.portal().hall().outbox().stream().map(sms -> Map.of(
                "at", Formats.dateTime(sms.at(), web.locale()), "phone", sms.phone(), "text", sms.text())).toList());
        m.put("hasMessages", !((java.util.List<?>) m.get("messages")).isEmpty());
        m.put("rack", rack.available());
        m.put("inserted", rack.available() && rack.inserted());
        m.put("taxToken", DemoKeyRack.TAX_TOKEN);
        web.render("demo", m);
    }

    static void keys(Web web) throws Exception {
        web.requireCsrf();
        DemoKeyRack rack = web.portal().keys();
        if (!rack.available()) throw new Web.BadRequest("the demo key rack is not prepared");
        if ("insert".equals(web.form("action"))) rack.insert();
        else rack.remove();
        web.redirect("/demo");
    }
}
