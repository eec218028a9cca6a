package org.keybridge.portal.auth;

import java.security.cert.X509Certificate;
import org.keybridge.format.SignatureAlgorithm;

/**
 * A token that passed every check of {@link AuthTokenValidator}.
 *
 * @param certificate the signer's certificate, chained to a trusted CA
 * @param algorithm the algorithm the signature was verified with
 * @param uscc the enterprise's Unified Social Credit Code where the issuing CA puts it (checked), or null when that CA has
 *     no configured location and none was found in the subject
 */
public record ValidatedToken(X509Certificate certificate, SignatureAlgorithm algorithm, String uscc) {}
