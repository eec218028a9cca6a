package org.keybridge.portal.auth;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certificates whose PKIX chain to a trusted CA already validated, by their DER, with the issuer found and the USCC
 * read: a portal sees the same certificates login after login, and the chain check (a second signature
 * verification, by the CA's key) would otherwise cost as much as the token's own. Least recently used first out.
 * An entry is used only while the issuing CA's certificate is valid; the end-entity certificate's validity, its
 * purpose, the token's signature and revocation are still checked on every validation.
 */
final class ChainCache {
    /** A parsed certificate that chained to {@code issuer}; {@code uscc} as the identity read it (may be null). */
    record Entry(X509Certificate cert, X509Certificate issuer, String uscc) {
        boolean usableAt(Instant now) {
            return !now.isAfter(issuer.getNotAfter().toInstant()) && !now.isBefore(issuer.getNotBefore().toInstant());
        }
    }

    private final int max;
    private final LinkedHashMap<ByteBuffer, Entry> map;

    ChainCache(int max) {
        this.max = max;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Entry> eldest) {
                return size() > ChainCache.this.max;
            }
        };
    }

    synchronized Entry get(byte[] der) {
        return max == 0 ? null : map.get(ByteBuffer.wrap(der));
    }

    synchronized void put(byte[] der, Entry e) {
        if (max > 0) map.put(ByteBuffer.wrap(der.clone()), e);
    }

    synchronized int size() {
        return map.size();
    }
}
