package org.keybridge.portal.identity;

import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Where a CA puts the enterprise's Unified Social Credit Code in the certificates it issues. Configured per issuing
 * CA on the validator ({@code AuthTokenValidator.Builder.usccLocation}); CAs differ: the organizationIdentifier
 * attribute (2.5.4.97, sometimes with a prefix such as {@code NTRCN-}), the subject serialNumber (2.5.4.5, the
 * demo CAs), an OU, or a private extension.
 */
public sealed interface UsccLocation {

    /** A subject attribute, by OID: its value holds the code (a prefix or suffix around it is allowed). */
    record SubjectAttribute(String oid) implements UsccLocation {
        public SubjectAttribute {
            new ASN1ObjectIdentifier(Objects.requireNonNull(oid, "oid")); // refuses a malformed OID
        }
    }

    /** A certificate extension, by OID, whose value is a string (or octets of UTF-8) holding the code. */
    record Extension(String oid) implements UsccLocation {
        public Extension {
            new ASN1ObjectIdentifier(Objects.requireNonNull(oid, "oid"));
        }
    }

    /** Any subject attribute: the first valid code found. A code that is absent is not an error. */
    record AnywhereInSubject() implements UsccLocation {}

    static UsccLocation organizationIdentifier() {
        return new SubjectAttribute("2.5.4.97");
    }

    static UsccLocation serialNumber() {
        return new SubjectAttribute("2.5.4.5");
    }

    static UsccLocation organizationalUnit() {
        return new SubjectAttribute("2.5.4.11");
    }

    static UsccLocation subjectAttribute(String oid) {
        return new SubjectAttribute(oid);
    }

    static UsccLocation extension(String oid) {
        return new Extension(oid);
    }

    static UsccLocation anywhereInSubject() {
        return new AnywhereInSubject();
    }
}
