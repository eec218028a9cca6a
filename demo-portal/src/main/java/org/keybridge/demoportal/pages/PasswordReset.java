package org.keybridge.demoportal.pages;

import java.util.Map;
import java.util.Objects;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.PasswordResetStarted;
import org.keybridge.portal.PortalException;

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
        String username = String.valueOf(web.form("username")).trim();
        try {
            PasswordResetStarted started = web.portal().startPasswordReset(username);
            web.render("password-reset", Map.of("username", username,
                    "sentTo", web.text("reset_code_sent", started.maskedPhone())));
        } catch (PortalException e) {
            web.render(400, "password-forgot", Access.error(web, e));
        }
    }

    static void reset(Web web) throws Exception {
        web.requireCsrf();
        String username = web.form("username");
        Map<String, Object> refusal;
        if (!Objects.equals(web.form("password"), web.form("confirm"))) {
            refusal = Access.error(web.text("error_MISMATCH"), "MISMATCH");
        } else {
            try {
                web.portal().resetPassword(username, web.form("code"), web.form("password"));
                web.session().flash("notice_password_reset");
                web.redirect("/login/password");
                return;
            } catch (PortalException e) {
                refusal = Access.error(web, e);
            }
        }
        refusal.put("username", username);
        web.render(400, "password-reset", refusal);
    }
}
