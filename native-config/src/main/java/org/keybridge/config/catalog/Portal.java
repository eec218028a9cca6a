package org.keybridge.config.catalog;

import java.util.List;

/**
 * A web portal the agent serves. {@code origins} are exact ({@code https://host[:port]}); a {@code dev} portal's
 * {@code http://localhost} origins are only served in development mode.
 *
 * @param allowedOperations agent operations the portal may ask for ({@code status}, {@code certificates},
 *                          {@code authenticate}, {@code bind-certificate})
 * @param trustedIssuers CA issuer ids whose certificates the portal accepts
 */
public record Portal(String id, Names names, List<String> origins, List<String> allowedOperations,
                     List<String> trustedIssuers, boolean dev, boolean verified, List<String> sources, String notes) {
    public Portal {
        origins = Lists.of(origins);
        allowedOperations = Lists.of(allowedOperations);
        trustedIssuers = Lists.of(trustedIssuers);
        sources = Lists.of(sources);
    }
}
