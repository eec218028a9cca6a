package org.keybridge.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import org.keybridge.error.ErrorCode;

/**
 * Request bodies: at most {@link #MAX_BYTES}, strict JSON into the core's request records. Strict because a lenient
 * parser lets a request mean two things: unknown fields, duplicate keys, trailing data and numbers-as-strings are all
 * refused.
 */
final class JsonBodies {
    private JsonBodies() {}

    static final int MAX_BYTES = 64 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(LogicalType.Textual, c -> {
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            })
            .build();

    /** status and certificates: {@code {}} or {@code {"lang": …}}. */
    record LangRequest(String lang) {}

    /** The body, refused with 413 when longer than the limit; never reads more than the limit + 1 bytes. */
    static byte[] read(InputStream in, String contentLength) throws IOException {
        if (contentLength != null) {
            long n;
            try {
                n = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new HttpError(400, ErrorCode.BAD_REQUEST, "bad Content-Length");
            }
            if (n > MAX_BYTES) throw tooLarge();
        }
        byte[] body = in.readNBytes(MAX_BYTES + 1); // a chunked body has no length to check first
        if (body.length > MAX_BYTES) throw tooLarge();
        return body;
    }

    private static HttpError tooLarge() {
        return new HttpError(413, ErrorCode.BAD_REQUEST, "body is larger than " + MAX_BYTES + " bytes");
    }

    static <T> T parse(byte[] body, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new HttpError(400, ErrorCode.BAD_REQUEST, "unknown field '" + Log.clean(e.getPropertyName()) + "'");
        } catch (JacksonException e) {
            throw new HttpError(400, ErrorCode.BAD_REQUEST, "body is not the expected JSON object: " + Log.clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new HttpError(400, ErrorCode.BAD_REQUEST, "unreadable body");
        }
        if (value == null) throw new HttpError(400, ErrorCode.BAD_REQUEST, "body must be a JSON object");
        return value;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
