package org.keybridge.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.AuthTokenFormat;

/**
 * Only listed origins, compared exactly (no wildcards, no suffix matching); loopback http origins only in
 * development mode. Every operation passes through {@link #require(String, Operation)}.
 *
 * @param operations for origins that a portal list brought, the operations their portal may ask for; an origin not
 *                   in this map (the administrator's: configuration, {@code --allow-origin}) may ask for all of them
 */
public record OriginPolicy(Set<String> allowed, boolean devMode, Map<String, Set<Operation>> operations) {
    public OriginPolicy {
        allowed = Set.copyOf(allowed);
        for (String o : allowed) AuthTokenFormat.requireValidOrigin(o, devMode);
        operations = Map.copyOf(operations);
    }

    /** Every listed origin may ask for every operation. */
    public OriginPolicy(Set<String> allowed, boolean devMode) { this(allowed, devMode, Map.of()); }

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
