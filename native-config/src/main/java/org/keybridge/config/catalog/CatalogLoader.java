package org.keybridge.config.catalog;

import com.fasterxml.jackson.core.JacksonException;
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
import java.util.stream.Collectors;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;

/**
 * Reads catalogs, portal lists and override files: strict JSON (no duplicate keys), the {@code document} kind and
 * {@code schemaVersion} first (an unknown version is CATALOG_VERSION_UNSUPPORTED, not a schema error), then the
 * JSON Schema ({@code catalog.schema.json}, draft 2020-12; unknown fields refused), then the records and their
 * cross-references. Every refusal is a {@link ConfigException} with its code.
 */
public final class CatalogLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String SCHEMA_RESOURCE = "catalog.schema.json";
    private static final int MAX_REPORTED = 5;
    private static volatile CatalogLoader instance;

    private JsonNode schemaRoot;
    private SchemaRegistry registry;
    // compiled on first use: compiling one costs about a second in a cold JVM, and the agent needs none of them
    // unless an update was installed
    private final java.util.Map<String, Schema> schemas = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Just the header, to know an update's kind and sequence before anything else (still strict JSON). */
    public static long sequenceOf(JsonNode root) { return root.path("sequence").asLong(0); }

    /** {@code schemaDef}: the schema's {@code $defs} entry to check against, or null for the embedded catalog. */
    private <T> T read(byte[] json, String where, String document, String schemaDef, Class<T> type) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid(where + " is not well-formed JSON: " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !root.isObject()) throw invalid(where + " is not a JSON object", null);
        String kind = root.path("document").asText("");
        if (!kind.equals(document)) {
            throw invalid(where + " is a \"" + kind + "\" document, not a \"" + document + "\" one", null);
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isIntegralNumber() || version.asInt() != Catalog.SCHEMA_VERSION) {
            throw new ConfigException(ConfigCode.CATALOG_VERSION_UNSUPPORTED, where + " has schemaVersion "
                    + version + "; this KeyBridge reads version " + Catalog.SCHEMA_VERSION + " only");
        }
        List<Error> errors = schemaDef == null ? List.of() : schemas.computeIfAbsent(schemaDef, this::schema).validate(root);
        if (!errors.isEmpty()) {
            String shown = errors.stream().limit(MAX_REPORTED).map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                    .collect(Collectors.joining("; "));
            throw invalid(where + " breaks the catalog schema (" + errors.size() + " error(s)): " + shown, null);
        }
        try {
            return JSON.treeToValue(root, type);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException c) throw new ConfigException(c.code(), where + ": " + c.getMessage(), e);
            throw invalid(where + ": " + (cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage()), e);
        }
    }

    private synchronized Schema schema(String def) {
        if (registry == null) { // the validator's classes load only when a schema is needed
            try (InputStream in = CatalogLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                schemaRoot = JSON.readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException("embedded catalog schema unreadable", e);
            }
            registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        }
        ObjectNode root = schemaRoot.deepCopy();
        String id = root.path("$id").asText().replace(".json", "-" + def + ".json");
        root.set("$id", TextNode.valueOf(id));
        root.set("$ref", TextNode.valueOf("#/$defs/" + def));
        return registry.getSchema(SchemaLocation.of(id), root);
    }

    private static ConfigException invalid(String message, Throwable cause) {
        return new ConfigException(ConfigCode.CATALOG_INVALID, message, cause);
    }
}
