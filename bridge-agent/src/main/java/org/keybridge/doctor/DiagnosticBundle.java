package org.keybridge.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.keybridge.config.KeyBridgeConfig;

/**
 * The redacted diagnostic archive IT staff ask for: {@code doctor.json} (findings without certificate subjects,
 * USCCs or serial numbers), {@code versions.json}, {@code modules.json} (the module probes) and {@code config.json}
 * with every module environment value replaced. Never a PIN (the doctor reads no PIN file), never a certificate
 * or key.
 */
public final class DiagnosticBundle {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String REDACTED = "(redacted)";

    private DiagnosticBundle() {}

    public static void write(Path zip, DoctorReport report, KeyBridgeConfig config) throws IOException {
        DoctorReport r = report.redacted();
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("keybridge", r.version());
        versions.put("catalog", r.catalogVersion());
        versions.put("platform", r.platform());
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        versions.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(zip, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
             ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            entry(z, "doctor.json", JSON.writeValueAsBytes(r));
            entry(z, "versions.json", JSON.writeValueAsBytes(versions));
            entry(z, "modules.json", JSON.writeValueAsBytes(r.modules()));
            entry(z, "config.json", JSON.writeValueAsBytes(redactedConfig(config)));
        }
    }

    /** The configuration as JSON with each module's environment values (paths, vendor settings) dropped. */
    static ObjectNode redactedConfig(KeyBridgeConfig config) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(config.toJson());
        root.path("modules").forEach(m -> {
            if (m.get("environment") instanceof ObjectNode env) {
                java.util.List<String> keys = new java.util.ArrayList<>();
                env.fieldNames().forEachRemaining(keys::add);
                keys.forEach(k -> env.put(k, REDACTED));
            }
        });
        return root;
    }

    private static void entry(ZipOutputStream z, String name, byte[] data) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }
}
