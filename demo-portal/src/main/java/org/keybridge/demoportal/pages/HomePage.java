package org.keybridge.demoportal.pages;

import java.util.Map;
import org.keybridge.demoportal.web.Web;

/** The hall's entrance: the three ways in (CA certificate, password, forgotten password) and the demo's tools. */
final class HomePage {
    private HomePage() {}

    static void show(Web web) throws Exception {
        web.render("home", Map.of());
    }
}
