package org.keybridge.portal.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.keybridge.uscc.Uscc;

/**
 * Reads the enterprise's USCC from a certificate, where its issuing CA puts it ({@link UsccLocation}, looked up by
 * the certificate's issuer name), and checks it (GB 32100: alphabet, division digits, check character).
 *
 * <p>For a CA with a configured location the code is required: absent → {@link UsccMissingException}, present but
 * not a valid code → {@link UsccInvalidException}. For other CAs the default location applies
 * ({@link UsccLocation.AnywhereInSubject} unless configured): the first valid code in the subject, or null.
 * Immutable.
 */
public final class EnterpriseIdentity {
    private static final Pattern RUN_18 = Pattern.compile("(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])");

    private final Map<X500Principal, UsccLocation> byIssuer;
    private final UsccLocation fallback;

    public EnterpriseIdentity(Map<X500Principal, UsccLocation> byIssuer, UsccLocation fallback) {
        this.byIssuer = Map.copyOf(new HashMap<>(byIssuer));
        this.fallback = fallback == null ? UsccLocation.anywhereInSubject() : fallback;
    }

    /** Where certificates of this issuer carry the USCC. */
    public UsccLocation locationFor(X509Certificate cert) {
        return byIssuer.getOrDefault(cert.getIssuerX500Principal(), fallback);
    }

    /**
     * The certificate's USCC, or null where its location is {@link UsccLocation.AnywhereInSubject} and none is found.
     */
    public String uscc(X509Certificate cert) throws UsccMissingException, UsccInvalidException {
        UsccLocation where = locationFor(cert);
        if (where instanceof UsccLocation.AnywhereInSubject) {
            for (String v : subjectValues(cert, null)) {
                Optional<Uscc> u = Uscc.findIn(v);
                if (u.isPresent()) return u.get().value();
            }
            return null;
        }
        List<String> values = where instanceof UsccLocation.SubjectAttribute a ? subjectValues(cert, a.oid())
                : extensionValue(cert, ((UsccLocation.Extension) where).oid());
        if (values.isEmpty()) {
            throw new UsccMissingException("certificate " + subject(cert) + " has no " + describe(where));
        }
        for (String v : values) {
            Optional<Uscc> u = Uscc.findIn(v);
            if (u.isPresent()) return u.get().value();
        }
        throw new UsccInvalidException("certificate " + subject(cert) + ": " + describe(where) + " holds no valid USCC: "
                + whyInvalid(values.get(0)));
    }

    /** Like {@link #uscc} but never refuses: null when absent or invalid (to describe an expired certificate). */
    public String usccOrNull(X509Certificate cert) {
        try {
            return uscc(cert);
        } catch (UsccMissingException | UsccInvalidException e) {
            return null;
        }
    }

    private static String whyInvalid(String value) {
        Matcher m = RUN_18.matcher(value);
        if (m.find()) {
            try {
                Uscc.parse(m.group());
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return "no 18-character code in '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    private static List<String> subjectValues(X509Certificate cert, String oid) {
        List<String> out = new ArrayList<>();
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (oid == null || atv.getType().getId().equals(oid)) out.add(text(atv.getValue()));
            }
        }
        return out;
    }

    private static List<String> extensionValue(X509Certificate cert, String oid) throws UsccInvalidException {
        byte[] ext = cert.getExtensionValue(oid);
        if (ext == null) return List.of();
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
            if (inner instanceof ASN1OctetString o) return List.of(new String(o.getOctets(), StandardCharsets.UTF_8));
            return List.of(text(inner));
        } catch (IOException | RuntimeException e) {
            throw new UsccInvalidException("certificate " + subject(cert) + ": extension " + oid + " is not readable", e);
        }
    }

    private static String text(ASN1Encodable v) {
        return v instanceof ASN1String s ? s.getString() : v.toString();
    }

    private static String describe(UsccLocation where) {
        return where instanceof UsccLocation.SubjectAttribute a ? "subject attribute " + name(a.oid())
                : "extension " + ((UsccLocation.Extension) where).oid();
    }

    private static String name(String oid) {
        return switch (oid) {
            case "2.5.4.97" -> "organizationIdentifier (2.5.4.97)";
            case "2.5.4.5" -> "serialNumber (2.5.4.5)";
            case "2.5.4.11" -> "OU (2.5.4.11)";
            case "2.5.4.10" -> "O (2.5.4.10)";
            default -> oid;
        };
    }

    private static String subject(X509Certificate c) {
        return "'" + c.getSubjectX500Principal().getName() + "'";
    }

}
