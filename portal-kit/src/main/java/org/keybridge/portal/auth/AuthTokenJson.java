package org.keybridge.portal.auth;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;
import org.keybridge.format.AuthToken;

/**
 * The login token as the browser posts it: one JSON object {@code {unverifiedCertificate, algorithm, signature,
 * format, appVersion?}}. At most {@link #MAX_CHARS} characters; duplicate keys, a value of the wrong type or
 * trailing data are TOKEN_PARSE. Unknown fields are ignored, as Web eID does, so later token versions still parse.
 */
public final class AuthTokenJson {
    public static final int MAX_CHARS = 16 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AuthTokenJson() {}

    public static AuthToken parse(String json) throws TokenParseException {
        if (json == null || json.isBlank()) throw new TokenParseException("token is missing");
        if (json.length() > MAX_CHARS) throw new TokenParseException("token is longer than " + MAX_CHARS + " characters");
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new TokenParseException("token is not one JSON object: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (n == null || !n.isObject()) throw new TokenParseException("token is not a JSON object");
        return new AuthToken(text(n, "unverifiedCertificate"), text(n, "algorithm"), text(n, "signature"),
                text(n, "format"), text(n, "appVersion"));
    }

    /** The token as JSON (for tests and tools). */
    public static String write(AuthToken t) {
        try {
            return JSON.writeValueAsString(Map.of("unverifiedCertificate", t.unverifiedCertificate(),
                    "algorithm", t.algorithm(), "signature", t.signature(), "format", t.format(),
                    "appVersion", t.appVersion() == null ? "" : t.appVersion()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode n, String field) throws TokenParseException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new TokenParseException(field + " is not a string");
        return v.textValue();
    }

}
