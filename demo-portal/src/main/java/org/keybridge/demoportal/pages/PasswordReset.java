package org.keybridge.demoportal.pages;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.keybridge.demoportal.hall.HallException;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;

/** Step 5: "Forgot password": a code by SMS to the administrator's phone, then a new password with it. */
final class PasswordReset {
    private PasswordReset() {}

    static void register(WebServer s) {
        s.get("/password/forgot", PasswordReset::show);
        s.post("/password/forgot", PasswordReset::sendCode);
        s.post("/password/reset", PasswordReset::reset);
    }

    static void show(Web web) throws Exception {
        web.render("password-forgot", Map.of());
    }

    static void sendCode(Web web) throws Exception {
        web.requireCsrf();
        String username = web.form("username");
        try {
            String phone = web.portal().hall().startPasswordReset(username);
            web.render("password-reset", Map.of("username", username.trim(), "sentTo", web.text("reset_code_sent", phone)));
        } catch (HallException e) {
            web.render(400, "password-forgot", Access.error(web, e));
        }
    }

    static void reset(Web web) throws Exception {
        web.requireCsrf();
        String username = web.form("username");
        try {
            if (!Objects.equals(web.form("password"), web.form("confirm"))) {
                throw new HallException("MISMATCH", "the two new passwords differ");
            }
            web.portal().hall().resetPassword(username, web.form("code"), web.form("password"));
            web.session().flash("notice_password_reset");
            web.redirect("/login/password");
        } catch (HallException e) {
            Map<String, Object> m = new HashMap<>(Access.error(web, e));
            m.put("username", username);
            web.render(400, "password-reset", m);
        }
    }
}
