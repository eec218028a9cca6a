package org.keybridge.ui;

import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.keybridge.token.TokenCertificate;

/** The names a person reads in a certificate: holder, organization, issuer (the PIN dialog and the assistant). */
public final class CertificateNames {
    private CertificateNames() {}

    /** The short name of a certificate in a list: subject CN (or O, or the whole DN). */
    public static String shortName(TokenCertificate c) {
        String cn = rdn(c.subject(), "CN");
        if (cn != null) return cn;
        String o = rdn(c.subject(), "O");
        return o != null ? o : c.subject();
    }

    public static String issuerName(TokenCertificate c) {
        String cn = rdn(c.issuer(), "CN");
        return cn != null ? cn : c.issuer();
    }

    /** The value of the most specific attribute {@code type} in an RFC 2253 name, or null. */
    public static String rdn(String dn, String type) {
        if (dn == null) return null;
        try {
            List<Rdn> rdns = new LdapName(dn).getRdns(); // index 0 is the rightmost RDN: the most specific is last
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Rdn r = rdns.get(i);
                if (r.getType().equalsIgnoreCase(type) && r.getValue() instanceof String s) return s;
            }
        } catch (InvalidNameException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

}
