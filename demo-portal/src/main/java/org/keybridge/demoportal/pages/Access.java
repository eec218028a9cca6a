package org.keybridge.demoportal.pages;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keybridge.demoportal.web.Web;
import org.keybridge.portal.PortalException;
import org.keybridge.portal.PortalMessages;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.session.SessionLogin;

/** Who may see a page (portal-kit knows who the session is logged in as), and how refusals become texts. */
final class Access {
    private Access() {}

    /**
     * The logged-in account, or null after redirecting: to the password login when nobody is logged in, to the
     * password change while the initial password has not been changed.
     */
    static Account account(Web web) throws IOException {
        Optional<SessionLogin> login = web.portal().sessionLogin(web.session().key());
        if (login.isEmpty()) {
            web.redirect("/login/password");
            return null;
        }
        if (login.get().passwordChangePending()) {
            web.redirect("/password/change");
            return null;
        }
        return web.portal().sessionAccount(web.session().key()).orElseThrow();
    }

    /** A page model with portal-kit's message for a refusal (in the page's language) and its code. */
    static Map<String, Object> error(Web web, PortalException e) {
        return error(PortalMessages.forException(e, web.locale()), e.code());
    }

    static Map<String, Object> error(String text, String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("error", text);
        m.put("errorCode", code);
        return m;
    }
}
