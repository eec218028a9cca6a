package org.keybridge.format;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The construction both the agent (which signs) and portal-kit (which checks) must agree on: what is signed for a
 * login, and which origins and nonces are acceptable.
 */
public final class AuthTokenFormat {
    private AuthTokenFormat() {}

    public static final String FORMAT = "web-eid:1.0";
    public static final int NONCE_MIN = 44, NONCE_MAX = 128;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    /**
     * H(origin) ‖ H(challengeNonce), H the algorithm's hash; the nonce is hashed as the bytes of its base64 string.
     * The signer never signs data the caller chose freely: both halves are digests.
     */
    public static byte[] signedData(SignatureAlgorithm alg, String origin, String challengeNonce) {
        byte[] o = Hashes.digest(alg.hash(), origin.getBytes(StandardCharsets.UTF_8));
        byte[] n = Hashes.digest(alg.hash(), challengeNonce.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[o.length + n.length];
        System.arraycopy(o, 0, out, 0, o.length);
        System.arraycopy(n, 0, out, o.length, n.length);
        return out;
    }

    /** A nonce of 44–128 characters of standard base64; the message says which rule failed. */
    public static String requireValidNonce(String nonce) {
        if (nonce == null || nonce.isEmpty()) throw new IllegalArgumentException("challengeNonce is missing");
        if (nonce.length() < NONCE_MIN) throw new IllegalArgumentException("challengeNonce is shorter than " + NONCE_MIN + " characters");
        if (nonce.length() > NONCE_MAX) throw new IllegalArgumentException("challengeNonce is longer than " + NONCE_MAX + " characters");
        if (!BASE64.matcher(nonce).matches()) throw new IllegalArgumentException("challengeNonce is not base64");
        return nonce;
    }

    /**
     * An absolute origin {@code https://host[:port]}: no path, query, user info or trailing slash, lower-case host.
     * {@code http://localhost[:port]} and {@code http://127.0.0.1[:port]} only when {@code devMode}.
     */
    public static String requireValidOrigin(String origin, boolean devMode) {
        if (origin == null || origin.isEmpty() || origin.equals("null")) throw new IllegalArgumentException("origin is missing");
        URI u;
        try {
            u = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("origin is not a URL: " + origin);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme();
        String host = u.getHost();
        if (host == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
                || (u.getRawPath() != null && !u.getRawPath().isEmpty())) {
            throw new IllegalArgumentException("origin must be scheme://host[:port] with nothing after it: " + origin);
        }
        if (!host.equals(host.toLowerCase(Locale.ROOT)) || !scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("origin must be lower case: " + origin);
        }
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        if (scheme.equals("https")) return origin;
        if (scheme.equals("http") && local && devMode) return origin;
        throw new IllegalArgumentException(scheme.equals("http") && local
                ? "http origins are accepted only in development mode: " + origin
                : "origin must be https: " + origin);
    }
}
