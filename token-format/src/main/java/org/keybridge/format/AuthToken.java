package org.keybridge.format;

/**
 * The login token, in the Web eID authentication-token format, so portals already built for it work unchanged.
 *
 * @param unverifiedCertificate the signer's certificate, standard base64 of the DER, no line breaks
 * @param algorithm JOSE name: ES256/384/512, RS256/384/512, PS256/384/512
 * @param signature standard base64 of the signature over {@link AuthTokenFormat#signedData}; ECDSA raw r‖s
 * @param format "web-eid:1.0"
 * @param appVersion the agent's version, e.g. "https://keybridge.org/agent/0.1.0"
 */
public record AuthToken(String unverifiedCertificate, String algorithm, String signature, String format, String appVersion) {}
