package org.keybridge.portal.binding;

import java.time.Instant;
import org.keybridge.portal.auth.CertificateDetails;
import org.keybridge.portal.session.LoginMethod;

/**
 * One line of the binding audit trail: both certificates of a bind or rebind.
 *
 * @param action SEED (by the operator), BIND (first certificate) or REBIND
 * @param loginMethod how the session that did it had logged in
 * @param previous the certificate replaced, or null
 * @param current the certificate bound
 */
public record BindingAuditEntry(long id, long accountId, Instant at, String action, LoginMethod loginMethod,
                                CertificateDetails previous, CertificateDetails current) {}
