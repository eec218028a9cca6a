package org.keybridge.demoportal.pages;

import java.io.IOException;
import java.util.Map;
import org.keybridge.demoportal.hall.HallException;
import org.keybridge.demoportal.web.Web;

/** Who may see a page, and how refusals of the hall become texts. */
final class Access {
    private Access() {}

    /**
     * The logged-in account, or null after redirecting: to the password login when nobody is logged in, to the
     * password change while the initial password has not been changed.
     */
    static String account(Web web) throws IOException {
        if (!web.session().loggedIn()) {
            web.redirect("/login/password");
            return null;
        }
        if (web.session().mustChangePassword()) {
            web.redirect("/password/change");
            return null;
        }
        return web.session().account();
    }

    /** The page text for a refusal: {@code error_<code>}, else the generic one naming the code. */
    static Map<String, Object> error(Web web, HallException e) {
        String key = "error_" + e.code();
        String text = web.portal().i18n().texts(web.locale()).containsKey(key) ? web.text(key) : web.text("error_generic", e.code());
        return Map.of("error", text, "errorCode", e.code());
    }
}
