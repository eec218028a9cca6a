package org.keybridge.core;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.AuthTokenFormat;

/**
 * Only listed origins, compared exactly (no wildcards, no suffix matching); loopback http origins only in
 * development mode. Every operation passes through {@link #require(String, Operation)}.
 *
 * @param operations for origins that a portal list brought, the operations their portal may ask for; an origin not
 *                   in this map (the administrator's: configuration, {@code --allow-origin}) may ask for all of them
 * @param issuers for origins whose portals name the CAs they accept, and the catalog knows how to recognise each of
 *                them: issuer DN patterns (found in the RFC 2253 issuer DN); only certificates one of them finds are
 *                offered for that origin's logins. An origin not in this map is offered every certificate.
 */
public record OriginPolicy(Set<String> allowed, boolean devMode, Map<String, Set<Operation>> operations,
                           Map<String, List<Pattern>> issuers) {
    public OriginPolicy {
        allowed = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(allowed)); // listed order, for messages
        for (String o : allowed) AuthTokenFormat.requireValidOrigin(o, devMode);
        operations = Map.copyOf(operations);
        issuers = Map.copyOf(issuers);
    }

    /** Every listed origin may ask for every operation, with every certificate. */
    public OriginPolicy(Set<String> allowed, boolean devMode) { this(allowed, devMode, Map.of(), Map.of()); }

    /** Whether a certificate issued by {@code issuer} may be offered to the origin's logins. */
    public boolean accepts(String origin, X500Principal issuer) {
        List<Pattern> patterns = issuers.get(origin);
        if (patterns == null) return true;
        String dn = issuer.getName(X500Principal.RFC2253);
        return patterns.stream().anyMatch(p -> p.matcher(dn).find());
    }

    /** Whether the origin is on the list at all (the transports' door check, before the operation is known). */
    public boolean allows(String origin) {
        if (origin == null || !allowed.contains(origin)) return false;
        try {
            AuthTokenFormat.requireValidOrigin(origin, devMode);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the origin may ask for this operation. */
    public boolean allows(String origin, Operation operation) {
        return allows(origin) && operations.getOrDefault(origin, EnumSet.allOf(Operation.class)).contains(operation);
    }

    /** The origin, when it is on the list (events: they are no operation); ORIGIN_NOT_ALLOWED otherwise. */
    public String require(String origin) {
        if (!allows(origin)) {
            throw new KeyBridgeException(ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + (origin == null ? "(none)" : "'" + origin + "'")
                    + " is not on the allow-list");
        }
        return origin;
    }

    /** The origin, when it may ask for the operation; ORIGIN_NOT_ALLOWED otherwise. */
    public String require(String origin, Operation operation) {
        require(origin);
        if (!allows(origin, operation)) {
            throw new KeyBridgeException(ErrorCode.ORIGIN_NOT_ALLOWED, "origin '" + origin + "' may not ask for "
                    + operation.wireName + " (its portal's allowedOperations)");
        }
        return origin;
    }
}
