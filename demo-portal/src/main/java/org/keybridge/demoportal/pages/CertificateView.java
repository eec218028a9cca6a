package org.keybridge.demoportal.pages;

import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.keybridge.portal.auth.CertificateDetails;
import org.keybridge.uscc.Uscc;

/**
 * A certificate as the pages show it: holder (subject CN), organization (O), USCC, issuing CA (its CN), serial number
 * and validity.
 */
record CertificateView(String holder, String organization, String uscc, String issuer, String serialNumber,
                       Instant notBefore, Instant notAfter) {

    /** What portal-kit recorded of a bound certificate. */
    static CertificateView of(CertificateDetails d) {
        if (d == null) return null;
        X500Principal subject = new X500Principal(d.subject());
        return new CertificateView(attribute(subject, "CN"), attribute(subject, "O"), d.uscc(),
                attribute(new X500Principal(d.issuer()), "CN"), d.serialNumber().toUpperCase(), d.notBefore(), d.notAfter());
    }

    /** A certificate the agent reported (an expired one): the USCC from the subject's serialNumber attribute. */
    static CertificateView of(X509Certificate c) {
        X500Principal subject = c.getSubjectX500Principal();
        String uscc = Uscc.findIn(attribute(subject, "SERIALNUMBER")).map(Uscc::value).orElse("");
        return new CertificateView(attribute(subject, "CN"), attribute(subject, "O"), uscc,
                attribute(c.getIssuerX500Principal(), "CN"), c.getSerialNumber().toString(16).toUpperCase(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    boolean expiredAt(Instant now) {
        return now.isAfter(notAfter);
    }

    /** The first value of an attribute ("CN", "O", "SERIALNUMBER") of a name, or "" when it has none. */
    private static String attribute(X500Principal p, String name) {
        RDN[] rdns = X500Name.getInstance(p.getEncoded()).getRDNs(BCStyle.INSTANCE.attrNameToOID(name));
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
