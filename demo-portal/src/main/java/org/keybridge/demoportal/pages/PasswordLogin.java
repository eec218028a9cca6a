package org.keybridge.demoportal.pages;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.PortalException;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.session.SessionLogin;

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
            var in = web.portal().loginWithPassword(web.session().key(), web.form("username"), web.form("password"));
            web.loggedIn();
            web.redirect(in.mustChangePassword() ? "/password/change" : "/enterprise");
        } catch (PortalException e) {
            web.render(403, "login-password", Access.error(web, e));
        }
    }

    static void showChange(Web web) throws Exception {
        Optional<SessionLogin> login = web.portal().sessionLogin(web.session().key());
        if (login.isEmpty()) {
            web.redirect("/login/password");
            return;
        }
        web.render("password-change", Map.of("first", login.get().passwordChangePending()));
    }

    static void change(Web web) throws Exception {
        web.requireCsrf();
        Optional<SessionLogin> login = web.portal().sessionLogin(web.session().key());
        if (login.isEmpty()) {
            web.redirect("/login/password");
            return;
        }
        Map<String, Object> refusal;
        if (!Objects.equals(web.form("password"), web.form("confirm"))) {
            refusal = Access.error(web.text("error_MISMATCH"), "MISMATCH");
        } else {
            try {
                Account a = web.portal().sessionAccount(web.session().key()).orElseThrow();
                web.portal().changePassword(web.session().key(), a.username(), web.form("current"), web.form("password"));
                web.session().flash("notice_password_changed");
                web.redirect("/enterprise");
                return;
            } catch (PortalException e) {
                refusal = Access.error(web, e);
            }
        }
        refusal.put("first", login.get().passwordChangePending());
        web.render(400, "password-change", refusal);
    }

    static void logout(Web web) throws Exception {
        web.requireCsrf();
        web.logout();
        web.session().flash("notice_logged_out");
        web.redirect("/");
    }
}
