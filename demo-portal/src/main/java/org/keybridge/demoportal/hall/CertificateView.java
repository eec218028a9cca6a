package org.keybridge.demoportal.hall;

import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.keybridge.uscc.Uscc;

/**
 * A certificate as the pages show it: holder (subject CN), organization, USCC, issuing CA (its CN), serial number and
 * validity.
 */
public record CertificateView(String holder, String organization, String uscc, String issuer, String serialNumber,
                              Instant notBefore, Instant notAfter) {

    /** With {@code uscc} null, the USCC is looked for in the subject's serialNumber attribute. */
    public static CertificateView of(X509Certificate c, String uscc) {
        if (uscc == null) {
            uscc = Uscc.findIn(attribute(c.getSubjectX500Principal(), "SERIALNUMBER")).map(Uscc::value).orElse("");
        }
        return new CertificateView(attribute(c.getSubjectX500Principal(), "CN"), attribute(c.getSubjectX500Principal(), "O"),
                uscc, attribute(c.getIssuerX500Principal(), "CN"), c.getSerialNumber().toString(16).toUpperCase(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    public boolean expiredAt(Instant now) {
        return now.isAfter(notAfter);
    }

    /** The first value of an attribute ("CN", "O", "SERIALNUMBER") of a name, or "" when it has none. */
    static String attribute(X500Principal p, String name) {
        X500Name x = X500Name.getInstance(p.getEncoded());
        RDN[] rdns = x.getRDNs(BCStyle.INSTANCE.attrNameToOID(name));
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
