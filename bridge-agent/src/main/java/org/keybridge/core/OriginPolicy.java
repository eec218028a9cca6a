package org.keybridge.core;

import java.util.Set;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.AuthTokenFormat;

/**
 * Only listed origins, compared exactly (no wildcards, no suffix matching); loopback http origins only in
 * development mode. Every operation passes through {@link #require}.
 */
public record OriginPolicy(Set<String> allowed, boolean devMode) {
    public OriginPolicy {
        allowed = Set.copyOf(allowed);
        for (String o : allowed) AuthTokenFormat.requireValidOrigin(o, devMode);
    }

    public boolean allows(String origin) {
        if (origin == null || !allowed.contains(origin)) return false;
        try {
            AuthTokenFormat.requireValidOrigin(origin, devMode);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String require(String origin) {
        if (!allows(origin)) {
            throw new KeyBridgeException(ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + (origin == null ? "(none)" : "'" + origin + "'")
                    + " is not on the allow-list");
        }
        return origin;
    }
}
