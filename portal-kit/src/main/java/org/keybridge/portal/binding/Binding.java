package org.keybridge.portal.binding;

import java.time.Instant;
import org.keybridge.portal.auth.CertificateDetails;

/**
 * A certificate bound to an account.
 *
 * @param id the database id
 * @param accountId the account
 * @param certificate issuer, serial, SHA-256 of the SubjectPublicKeyInfo, USCC, subject, validity
 * @param boundAt when it was bound
 * @param unboundAt when another certificate replaced it; null for the current binding
 */
public record Binding(long id, long accountId, CertificateDetails certificate, Instant boundAt, Instant unboundAt) {
    public boolean current() {
        return unboundAt == null;
    }
}
