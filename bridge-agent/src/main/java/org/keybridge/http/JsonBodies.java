package org.keybridge.http;

import java.io.IOException;
import java.lang.reflect.Constructor;
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
        RecordShape shape = SHAPES.get(type);
        Map<String, String> fields;
        try {
            fields = StrictJson.stringFields(StrictJson.readObject(body), shape.names(), "");
        } catch (IOException e) {
            throw new HttpError(400, ErrorCode.BAD_REQUEST, "body is not the expected JSON object: " + Log.clean(e.getMessage()));
        }
        Object[] values = new Object[shape.names().size()];
        for (int i = 0; i < values.length; i++) values[i] = fields.get(shape.names().get(i));
        try {
            return type.cast(shape.constructor().newInstance(values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("request record " + type.getSimpleName(), e);
        }
    }

    /** A request record's field names and canonical constructor, looked up once per record class, not per request. */
    private record RecordShape(java.util.List<String> names, Constructor<?> constructor) {}

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                return new RecordShape(java.util.Arrays.stream(components).map(RecordComponent::getName).toList(),
                        type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("request record " + type.getSimpleName(), e);
            }
        }
    };

    static byte[] write(Object value) { return StrictJson.protocol(value); }
}
