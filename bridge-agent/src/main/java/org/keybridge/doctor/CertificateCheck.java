package org.keybridge.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;

/** The certificates on the inserted keys (modules that passed their probe only): expired, or expiring within 90 days. */
final class CertificateCheck {
    final List<Finding> findings = new ArrayList<>();

    CertificateCheck(DoctorSettings s, List<ModuleSpec> modules, Instant now) {
        if (modules.isEmpty()) return;
        DoctorTexts t = s.texts();
        Duration soon = Duration.ofDays(DoctorSettings.EXPIRY_WARNING_DAYS);
        try (TokenDriver driver = TokenDriver.open(modules, DriverOptions.defaults().withExpiringSoon(soon))) {
            for (TokenCertificate c : driver.certificates()) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("certificateId", c.id());
                d.put("tokenLabel", c.tokenLabel());
                d.put("status", c.status().name());
                d.put("notAfter", c.notAfter().toString());
                d.put("subject", c.subject());
                if (c.uscc() != null) d.put("uscc", c.uscc());
                String name = c.label() == null || c.label().isEmpty() ? c.subject() : c.label();
                Date notAfter = Date.from(c.notAfter());
                findings.add(switch (c.status()) {
                    case VALID -> t.finding("certificate.expiry", Severity.OK, "cert.valid", d, name, c.tokenLabel(), notAfter);
                    case EXPIRING_SOON -> t.finding("certificate.expiry", Severity.WARNING, "cert.expiring", d, name,
                            c.tokenLabel(), notAfter, Duration.between(now, c.notAfter()).toDays());
                    case EXPIRED -> t.finding("certificate.expiry", Severity.WARNING, "cert.expired", d, name, c.tokenLabel(), notAfter);
                    case NOT_YET_VALID -> t.finding("certificate.expiry", Severity.WARNING, "cert.notyetvalid", d, name,
                            c.tokenLabel(), Date.from(c.notBefore()));
                });
            }
        } catch (RuntimeException e) {
            // the probe passed but listing failed (a key pulled out meanwhile): the module finding already says enough
        }
    }
}
