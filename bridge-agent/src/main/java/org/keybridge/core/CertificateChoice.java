package org.keybridge.core;

import java.util.List;
import java.util.Locale;
import org.keybridge.token.TokenCertificate;

/** More than one usable certificate: the user picks one for this origin and purpose. */
public record CertificateChoice(String origin, Purpose purpose, List<TokenCertificate> certificates, Locale locale) {}
