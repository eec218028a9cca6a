package org.keybridge.config.catalog;

import java.util.List;

/**
 * A certification authority whose certificates sit on the keys. {@code issuerDnPatterns} are regular expressions found in
 * the issuer DN as RFC 2253 writes it ({@code CN=…,O=…,C=CN}), not matched whole; empty while nobody has seen a real
 * certificate.
 */
public record CaIssuer(String id, Names names, List<String> algorithms, List<String> issuerDnPatterns,
                       String helperProgram, boolean verified, List<String> sources, String notes) {
    public CaIssuer {
        algorithms = Lists.of(algorithms);
        issuerDnPatterns = Lists.of(issuerDnPatterns);
        sources = Lists.of(sources);
    }
}
