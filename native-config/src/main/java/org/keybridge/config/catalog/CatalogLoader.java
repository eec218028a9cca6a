package org.keybridge.config.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.json.StrictJson;

/**
 * Reads catalogs, portal lists and override files: strict JSON (no duplicate keys), the {@code document} kind and
 * {@code schemaVersion} first (an unknown version is CATALOG_VERSION_UNSUPPORTED, not a schema error), then the
 * JSON Schema ({@code catalog.schema.json}, draft 2020-12; unknown fields refused), then the records and their
 * cross-references. Every refusal is a {@link ConfigException} with its code.
 */
public final class CatalogLoader {
    private static final String SCHEMA_RESOURCE = "catalog.schema.json";
    private static final int MAX_REPORTED = 5;
    private static volatile CatalogLoader instance;

    private volatile SchemaCheck schemaCheck;

    private CatalogLoader() {}

    /** The loader (the schema is compiled once per process). */
    public static CatalogLoader get() {
        CatalogLoader l = instance;
        if (l == null) {
            synchronized (CatalogLoader.class) {
                if (instance == null) instance = new CatalogLoader();
                l = instance;
            }
        }
        return l;
    }

    /**
     * The catalog embedded in KeyBridge: part of the program, so its schema check is the build's
     * ({@code CatalogLoaderTest}); strict binding and the reference checks still run.
     */
    public static Catalog embedded() { return Embedded.CATALOG; }

    /** Read once per process (the records are immutable). */
    private static final class Embedded {
        static final Catalog CATALOG = readEmbedded();
    }

    private static Catalog readEmbedded() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("default-catalog.json")) {
            return get().read(in.readAllBytes(), "embedded catalog", Catalog.DOCUMENT, null, Catalog.class);
        } catch (IOException e) {
            throw new IllegalStateException("embedded catalog unreadable", e);
        }
    }

    public Catalog catalog(byte[] json, String where) {
        return read(json, where, Catalog.DOCUMENT, "catalog", Catalog.class);
    }

    public PortalList portalList(byte[] json, String where) {
        return read(json, where, PortalList.DOCUMENT, "portalList", PortalList.class);
    }

    public CatalogOverride override(byte[] json, String where) {
        return read(json, where, CatalogOverride.DOCUMENT, "override", CatalogOverride.class);
    }

    /**
     * {@code schemaDef}: the schema's {@code $defs} entry to check against, or null for the embedded catalog. The
     * header and the records are read with {@link StrictJson}; databind and the schema validator load only when a
     * schema check is asked for (an installed update, an override file), so an agent on the embedded catalog has none
     * of their classes.
     */
    private <T> T read(byte[] json, String where, String document, String schemaDef, Class<T> type) {
        Map<String, Object> root;
        try {
            root = StrictJson.header(json); // the whole is read strictly when bound, below
        } catch (IOException e) {
            throw invalid(where + " is not a well-formed JSON object: " + e.getMessage(), e);
        }
        Object kind = root.get("document");
        if (!document.equals(kind)) {
            throw invalid(where + " is a \"" + (kind == null ? "" : kind) + "\" document, not a \"" + document + "\" one", null);
        }
        Object version = root.get("schemaVersion");
        if (!(version instanceof Integer || version instanceof Long) || ((Number) version).intValue() != Catalog.SCHEMA_VERSION) {
            throw new ConfigException(ConfigCode.CATALOG_VERSION_UNSUPPORTED, where + " has schemaVersion "
                    + version + "; this KeyBridge reads version " + Catalog.SCHEMA_VERSION + " only");
        }
        if (schemaDef != null) {
            List<String> errors;
            try {
                errors = schemaCheck().errors(schemaDef, json);
            } catch (IOException e) {
                throw invalid(where + " is not well-formed JSON: " + e.getMessage(), e);
            }
            if (!errors.isEmpty()) {
                String shown = errors.stream().limit(MAX_REPORTED).collect(Collectors.joining("; "));
                throw invalid(where + " breaks the catalog schema (" + errors.size() + " error(s)): " + shown, null);
            }
        }
        try {
            return StrictJson.read(json, type);
        } catch (IOException e) {
            Throwable cause = StrictJson.cause(e);
            if (cause instanceof ConfigException c) throw new ConfigException(c.code(), where + ": " + c.getMessage(), e);
            throw invalid(where + ": " + cause.getMessage(), e);
        }
    }

    private SchemaCheck schemaCheck() {
        SchemaCheck c = schemaCheck;
        if (c == null) {
            synchronized (this) {
                if (schemaCheck == null) schemaCheck = new SchemaCheck();
                c = schemaCheck;
            }
        }
        return c;
    }

    /**
     * The JSON Schema check, on databind's tree and the networknt validator: a class of its own so that neither
     * library's classes load (not even to verify CatalogLoader) unless a schema is needed.
     */
    private static final class SchemaCheck {
        private final ObjectMapper json = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        private final JsonNode schemaRoot;
        private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        // compiled on first use: compiling one costs about a second in a cold JVM
        private final Map<String, Schema> schemas = new java.util.concurrent.ConcurrentHashMap<>();

        SchemaCheck() {
            try (InputStream in = CatalogLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                schemaRoot = json.readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException("embedded catalog schema unreadable", e);
            }
        }

        /** What breaks the schema's {@code $defs} entry {@code def}, one line per error. */
        List<String> errors(String def, byte[] document) throws IOException {
            List<Error> errors = schemas.computeIfAbsent(def, this::schema).validate(json.readTree(document));
            return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
        }

        private Schema schema(String def) {
            ObjectNode root = schemaRoot.deepCopy();
            String id = root.path("$id").asText().replace(".json", "-" + def + ".json");
            root.set("$id", TextNode.valueOf(id));
            root.set("$ref", TextNode.valueOf("#/$defs/" + def));
            return registry.getSchema(SchemaLocation.of(id), root);
        }
    }

    private static ConfigException invalid(String message, Throwable cause) {
        return new ConfigException(ConfigCode.CATALOG_INVALID, message, cause);
    }
}
