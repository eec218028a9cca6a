package org.keybridge.demoportal.pages;

import java.util.Map;
import java.util.Objects;
import org.keybridge.demoportal.hall.Hall;
import org.keybridge.demoportal.hall.HallException;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;

/** Step 2: user name and password; the initial password (123456) must be changed before anything else. Also log out. */
final class PasswordLogin {
    private PasswordLogin() {}

    static void register(WebServer s) {
        s.get("/login/password", PasswordLogin::show);
        s.post("/login/password", PasswordLogin::login);
        s.get("/password/change", PasswordLogin::showChange);
        s.post("/password/change", PasswordLogin::change);
        s.post("/logout", PasswordLogin::logout);
    }

    static void show(Web web) throws Exception {
        web.render("login-password", Map.of());
    }

    static void login(Web web) throws Exception {
        web.requireCsrf();
        try {
            Hall.PasswordLogin in = web.portal().hall().loginWithPassword(web.form("username"), web.form("password"));
            web.login(in.account(), "password", in.mustChangePassword());
            web.redirect(in.mustChangePassword() ? "/password/change" : "/enterprise");
        } catch (HallException e) {
            web.render(403, "login-password", Access.error(web, e));
        }
    }

    static void showChange(Web web) throws Exception {
        if (!web.session().loggedIn()) {
            web.redirect("/login/password");
            return;
        }
        web.render("password-change", Map.of("first", web.session().mustChangePassword()));
    }

    static void change(Web web) throws Exception {
        web.requireCsrf();
        if (!web.session().loggedIn()) {
            web.redirect("/login/password");
            return;
        }
        try {
            if (!Objects.equals(web.form("password"), web.form("confirm"))) {
                throw new HallException("MISMATCH", "the two new passwords differ");
            }
            web.portal().hall().changePassword(web.session().account(), web.form("current"), web.form("password"));
            web.session().mustChangePassword(false);
            web.session().flash("notice_password_changed");
            web.redirect("/enterprise");
        } catch (HallException e) {
            Map<String, Object> m = new java.util.HashMap<>(Access.error(web, e));
            m.put("first", web.session().mustChangePassword());
            web.render(400, "password-change", m);
        }
    }

    static void logout(Web web) throws Exception {
        web.requireCsrf();
        web.logout();
        web.session().flash("notice_logged_out");
        web.redirect("/");
    }
}
