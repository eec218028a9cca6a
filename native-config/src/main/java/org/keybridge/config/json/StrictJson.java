package org.keybridge.config.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JSONObjectException;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.keybridge.config.catalog.Names;

/**
 * JSON for what the resident agent reads and writes: its configuration, the catalog, the portal list and the protocol's
 * answers. Built on jackson-jr (records on jackson-core) rather than jackson-databind, whose ~500 classes cost a
 * small JVM about 10 MiB of resident memory (measured) that an agent waiting all day for the next login should not
 * hold; the CLI and the catalog's schema check still use databind.
 *
 * <p>Strict, because a lenient parser lets a document mean two things: duplicate keys, unknown fields and data after
 * the value are refused.
 */
public final class StrictJson {
    private StrictJson() {}

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final JSON READER = JSON.builder(FACTORY)
            .enable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS,
                    JSON.Feature.PRESERVE_FIELD_ORDERING)
            .build().with(new Readers());

    /** The protocol's answers: every field, null ones too, in the records' order (what clients were given so far). */
    private static final JSON PROTOCOL = JSON.builder(FACTORY)
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER,
                    JSON.Feature.FAIL_ON_UNKNOWN_TYPE_WRITE)
            .disable(JSON.Feature.USE_IS_GETTERS) // a record's isX() is a convenience, not a field
            .build();

    /** Documents people read (configuration files): indented, null fields left out. */
    private static final JSON DOCUMENT = JSON.builder(FACTORY)
            .enable(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER,
                    JSON.Feature.FAIL_ON_UNKNOWN_TYPE_WRITE)
            .disable(JSON.Feature.USE_IS_GETTERS)
            .build();

    /** One JSON value of {@code type} (a record, usually), and nothing after it. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            T value = READER.beanFrom(type, p);
            if (value == null) throw new JSONObjectException("no JSON value, or null");
            requireEnd(p);
            return value;
        }
    }

    /** One JSON object as a map (insertion-ordered; numbers as Integer/Long/Double), and nothing after it. */
    public static Map<String, Object> readObject(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new JSONObjectException("not a JSON object");
            Map<String, Object> value = READER.mapFrom(p);
            requireEnd(p);
            return value;
        }
    }

    /**
     * The top-level scalar fields of a JSON object (strings and numbers; objects and arrays skipped unread): a
     * document's kind and version, checked before the whole is bound. Not a validation of the rest.
     */
    public static Map<String, Object> header(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new JSONObjectException("not a JSON object");
            Map<String, Object> out = new java.util.HashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) p.skipChildren();
                else if (v == JsonToken.VALUE_STRING) out.put(name, p.getText());
                else if (v == JsonToken.VALUE_NUMBER_INT) out.put(name, p.getNumberValue());
            }
            return out;
        }
    }

    /**
     * An object whose fields are all strings, as the protocol's requests are: {@code value} as read by
     * {@link #readObject}, {@code prefix} naming it in messages ("" or "arguments."). Null fields are left out; a field
     * not in {@code allowed}, or not a string, is refused, so a request cannot mean two things.
     */
    public static Map<String, String> stringFields(Object value, java.util.Collection<String> allowed, String prefix)
            throws JSONObjectException {
        Map<String, String> out = new java.util.HashMap<>();
        if (value == null) return out;
        if (!(value instanceof Map<?, ?> fields)) throw new JSONObjectException(prefix.isEmpty() ? "not a JSON object" : prefix.substring(0, prefix.length() - 1) + " must be an object");
        for (Map.Entry<?, ?> f : fields.entrySet()) {
            String name = String.valueOf(f.getKey());
            if (!allowed.contains(name)) throw new JSONObjectException("unknown field '" + prefix + name + "'");
            if (f.getValue() == null) continue;
            if (!(f.getValue() instanceof String text)) throw new JSONObjectException(prefix + name + " must be a string");
            out.put(name, text);
        }
        return out;
    }

    /** A protocol answer (UTF-8). */
    public static byte[] protocol(Object value) {
        try {
            return PROTOCOL.asBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** A document for people and files: indented, nulls left out. */
    public static String document(Object value) {
        try {
            return DOCUMENT.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** The innermost cause of a refusal: a record's own check (its exception) rather than the binder's wrapper. */
    public static Throwable cause(Throwable e) {
        Throwable found = e;
        for (Throwable c = e.getCause(); c != null && c != found; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isEmpty()) found = c;
            if (c.getCause() == c) break;
        }
        return found;
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) throw new JSONObjectException("data after the JSON value");
    }

    /** Readers for what records cannot say themselves: JSON names that are not Java names ("zh-CN"). */
    private static final class Readers extends ReaderWriterProvider {
        @Override
        public ValueReader findValueReader(JSONReader ctx, Class<?> type) {
            return type == Names.class ? new NamesReader() : null;
        }
    }

    private static final class NamesReader extends ValueReader {
        private static final Set<String> KEYS = Set.of("zh-CN", "en", "es");

        NamesReader() { super(Names.class); }

        @Override
        public Object read(JSONReader reader, JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) return null;
            if (p.currentToken() != JsonToken.START_OBJECT) throw new JSONObjectException("names must be an object");
            Map<String, String> m = new java.util.HashMap<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                if (!KEYS.contains(key)) throw new JSONObjectException("unknown language \"" + key + "\" (zh-CN, en, es)");
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                    throw new JSONObjectException("\"" + key + "\" must be a string");
                }
                m.put(key, p.getValueAsString());
            }
            return new Names(m.get("zh-CN"), m.get("en"), m.get("es"));
        }
    }
}
