package org.keybridge.demoportal.pages;

import org.keybridge.demoportal.web.WebServer;

/** Every page of the service hall, by path. */
public final class Pages {
    private Pages() {}

    public static void register(WebServer s) {
        s.get("/", HomePage::show);
        CertificateLogin.register(s);
        PasswordLogin.register(s);
        Enterprise.register(s);
        CertificateUpdate.register(s);
        PasswordReset.register(s);
        DemoTools.register(s);
        s.post("/api/challenge", Challenges::issue);
    }
}
