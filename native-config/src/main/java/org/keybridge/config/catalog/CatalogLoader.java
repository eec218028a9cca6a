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

    private final JsonNode schemaRoot;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Schema catalogSchema;
    private final Schema portalListSchema;
    private final Schema overrideSchema;

    private CatalogLoader() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            schemaRoot = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("embedded catalog schema unreadable", e);
        }
        catalogSchema = schema("catalog");
        portalListSchema = schema("portalList");
        overrideSchema = schema("override");
    }

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

    /** The catalog embedded in KeyBridge (trusted as part of the program itself). */
    public static Catalog embedded() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("default-catalog.json")) {
            return get().catalog(in.readAllBytes(), "embedded catalog");
        } catch (IOException e) {
            throw new IllegalStateException("embedded catalog unreadable", e);
        }
    }

    public Catalog catalog(byte[] json, String where) {
        return read(json, where, Catalog.DOCUMENT, catalogSchema, Catalog.class);
    }

    public PortalList portalList(byte[] json, String where) {
        return read(json, where, PortalList.DOCUMENT, portalListSchema, PortalList.class);
    }

    public CatalogOverride override(byte[] json, String where) {
        return read(json, where, CatalogOverride.DOCUMENT, overrideSchema, CatalogOverride.class);
    }

    /** Just the header, to know an update's kind and sequence before anything else (still strict JSON). */
    public static long sequenceOf(JsonNode root) { return root.path("sequence").asLong(0); }

    private <T> T read(byte[] json, String where, String document, Schema schema, Class<T> type) {
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
        List<Error> errors = schema.validate(root);
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

    private Schema schema(String def) {
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
