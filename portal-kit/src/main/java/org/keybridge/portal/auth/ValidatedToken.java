package org.keybridge.portal.auth;

import java.security.cert.X509Certificate;
import org.keybridge.format.SignatureAlgorithm;

/**
 * A token that passed every check of {@link AuthTokenValidator}.
 *
 * @param certificate the signer's certificate, chained to a trusted CA
 * @param algorithm the algorithm the signature was verified with
 * @param uscc the enterprise's unified social credit code found in the subject's attribute values, or null
 */
public record ValidatedToken(X509Certificate certificate, SignatureAlgorithm algorithm, String uscc) {}
