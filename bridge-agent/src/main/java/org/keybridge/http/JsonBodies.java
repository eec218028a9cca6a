package org.keybridge.http;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.keybridge.config.json.StrictJson;
import org.keybridge.error.ErrorCode;

/**
 * Request bodies: at most {@link #MAX_BYTES}, strict JSON into the core's request records. Strict because a lenient
 * parser lets a request mean two things: unknown fields, duplicate keys, trailing data and numbers-as-strings are all
 * refused.
 */
final class JsonBodies {
    private JsonBodies() {}

    static final int MAX_BYTES = 64 * 1024;

    /** status and certificates: {@code {}} or {@code {"lang": …}}. */
    record LangRequest(String lang) {}

    /** The body, refused with 413 when longer than the limit; never reads more than the limit + 1 bytes. */
    static byte[] read(BridgeExchange ex) throws IOException {
        String contentLength = ex.header("Content-Length");
        if (contentLength != null) {
            long n;
            try {
                n = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new HttpError(400, ErrorCode.BAD_REQUEST, "bad Content-Length");
            }
            if (n > MAX_BYTES) throw tooLarge();
        }
        byte[] body = ex.readBody(MAX_BYTES); // a chunked body has no length to check first
        if (body.length > MAX_BYTES) throw tooLarge();
        return body;
    }

    private static HttpError tooLarge() {
        return new HttpError(413, ErrorCode.BAD_REQUEST, "body is larger than " + MAX_BYTES + " bytes");
    }

    /**
     * The body as a request record whose fields are all strings: unknown fields, non-string values, duplicate keys and
     * trailing data are refused (BAD_REQUEST). Read with jackson-core through {@link StrictJson}, not databind: the
     * resident agent stays small.
     */
    static <T extends Record> T parse(byte[] body, Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, String> fields;
        try {
            fields = StrictJson.stringFields(StrictJson.readObject(body),
                    java.util.Arrays.stream(components).map(RecordComponent::getName).toList(), "");
        } catch (IOException e) {
            throw new HttpError(400, ErrorCode.BAD_REQUEST, "body is not the expected JSON object: " + Log.clean(e.getMessage()));
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = fields.get(components[i].getName());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("request record " + type.getSimpleName(), e);
        }
    }

    static byte[] write(Object value) { return StrictJson.protocol(value); }
}
