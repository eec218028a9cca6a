package org.keybridge.demoportal.pages;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.keybridge.demoportal.web.Web;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.PortalException;

/**
 * Step 1 and 4: "log in with CA certificate". The page's script gets a LOGIN nonce, the agent signs it with the key
 * (its own dialog asks the PIN), and the token comes back here; when the agent answers CERTIFICATE_EXPIRED, the script
 * posts the certificate it reported to {@code /login/certificate/expired}, which explains it in plain words.
 */
final class CertificateLogin {
    private CertificateLogin() {}

    static void register(WebServer s) {
        s.get("/login/certificate", CertificateLogin::show);
        s.post("/login/certificate", CertificateLogin::login);
        s.post("/login/certificate/expired", CertificateLogin::expired);
    }

    static void show(Web web) throws Exception {
        web.render("login-certificate", Map.of());
    }

    static void login(Web web) throws Exception {
        web.requireCsrf();
        try {
            web.portal().loginWithCertificate(web.session().key(), web.form("token"), web.form("nonce"));
            web.loggedIn();
            web.redirect("/enterprise");
        } catch (PortalException e) {
            web.render(403, "login-certificate", Access.error(web, e));
        }
    }

    /** The agent's CERTIFICATE_EXPIRED, explained: which certificate, on which key, expired on which date, and the way out. */
    static void expired(Web web) throws Exception {
        web.requireCsrf();
        X509Certificate cert;
        try {
            byte[] der = Base64.getDecoder().decode(String.valueOf(web.form("certificate")));
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new Web.BadRequest("certificate is not a base64 X.509 certificate");
        }
        CertificateView c = CertificateView.of(cert);
        Instant now = Instant.now();
        if (!c.expiredAt(now)) {
            web.redirect("/login/certificate");
            return;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("cert", Formats.certificate(c, web.locale(), now));
        String label = web.form("tokenLabel");
        m.put("explanation", web.text("expired_explanation", label == null || label.isBlank() ? c.issuer() : label,
                c.issuer(), Formats.date(c.notAfter(), web.locale())));
        web.render("certificate-expired", m);
    }
}
