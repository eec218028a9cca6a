package org.keybridge.demoportal.pages;

import org.keybridge.demoportal.web.Web;
import org.keybridge.portal.challenge.Purpose;

/**
 * {@code POST /api/challenge?purpose=login|bind} (with the session's CSRF token in {@code X-CSRF-Token}): a fresh nonce
 * for this browser session, which the page hands to the agent. A bind nonce only for a logged-in session.
 */
final class Challenges {
    private Challenges() {}

    static void issue(Web web) throws Exception {
        web.requireCsrf();
        String p = web.query("purpose");
        Purpose purpose = "bind".equals(p) ? Purpose.BIND : "login".equals(p) ? Purpose.LOGIN : null;
        if (purpose == null) throw new Web.BadRequest("purpose must be login or bind");
        if (purpose == Purpose.BIND && web.portal().sessionLogin(web.session().key()).isEmpty()) {
            web.json(403, "{\"error\":\"NOT_LOGGED_IN\"}");
            return;
        }
        String nonce = web.portal().challenge(web.session().key(), purpose).value();
        web.json(200, "{\"nonce\":\"" + nonce + "\"}");
    }
}
