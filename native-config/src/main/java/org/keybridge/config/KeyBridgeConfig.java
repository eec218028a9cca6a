package org.keybridge.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keybridge.config.json.StrictJson;

/**
 * KeyBridge's configuration file ({@code --config FILE}): which PKCS#11 modules to load and how early a certificate
 * counts as expiring soon. Unknown fields are refused, so a typo never silently falls back to a default.
 *
 * @param version format version (1)
 * @param modules modules to load, in order
 * @param expiringSoonDays a certificate ending within this many days is EXPIRING_SOON (default 30)
 * @param allowedOrigins the portals the agent serves, exact origins (default: none)
 * @param devMode accept http://localhost and http://127.0.0.1 origins (for the demo portal; default false)
 * @param bridgePort the localhost bridge's port (default {@link #DEFAULT_BRIDGE_PORT})
 * @param stateDir where signed catalog and portal-list updates are kept (default: see {@link KeyBridgePaths})
 * @param driversRoot where driver bundles are installed (default: see {@link KeyBridgePaths})
 * @param catalogOverride IT's local catalog additions (default {@code /etc/keybridge/catalog-override.json})
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // for databind users (doctor); StrictJson leaves nulls out itself
public record KeyBridgeConfig(int version, List<ModuleConfig> modules, Integer expiringSoonDays,
                              List<String> allowedOrigins, Boolean devMode, Integer bridgePort, String stateDir,
                              String driversRoot, String catalogOverride) {
    /** Not 21051/21061 (BJCA), 63117 (AutoFirma), 9795/9895 (Nexu). */
    public static final int DEFAULT_BRIDGE_PORT = 24981;
    public static final int DEFAULT_EXPIRING_SOON_DAYS = 30;
    public static final int VERSION = 1;

    public KeyBridgeConfig {
        if (version != VERSION) throw new ConfigException("unsupported configuration version " + version + " (want " + VERSION + ")");
        modules = modules == null ? List.of() : List.copyOf(modules);
        if (expiringSoonDays == null) expiringSoonDays = DEFAULT_EXPIRING_SOON_DAYS;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (devMode == null) devMode = false;
        if (bridgePort == null) bridgePort = DEFAULT_BRIDGE_PORT;
        if (bridgePort < 1 || bridgePort > 65535) throw new ConfigException("bridgePort must be 1..65535");
        if (expiringSoonDays < 0) throw new ConfigException("expiringSoonDays must not be negative");
        if (modules.stream().map(ModuleConfig::name).distinct().count() != modules.size()) {
            throw new ConfigException("module names must be unique");
        }
    }

    /** The form before the catalog's paths (kept for callers that do not set them). */
    public KeyBridgeConfig(int version, List<ModuleConfig> modules, Integer expiringSoonDays,
                           List<String> allowedOrigins, Boolean devMode, Integer bridgePort) {
        this(version, modules, expiringSoonDays, allowedOrigins, devMode, bridgePort, null, null, null);
    }

    public static KeyBridgeConfig of(List<ModuleConfig> modules) {
        return new KeyBridgeConfig(VERSION, modules, null, null, null, null);
    }

    public KeyBridgeConfig withOrigins(List<String> origins, boolean dev) {
        return new KeyBridgeConfig(version, modules, expiringSoonDays, origins, dev, bridgePort, stateDir, driversRoot,
                catalogOverride);
    }

    /** A copy with other modules (the catalog's and the installed drivers' added by the CLI). */
    public KeyBridgeConfig withModules(List<ModuleConfig> newModules) {
        return new KeyBridgeConfig(version, newModules, expiringSoonDays, allowedOrigins, devMode, bridgePort, stateDir,
                driversRoot, catalogOverride);
    }

    public static KeyBridgeConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The embedded default: the modules of the embedded catalog that exist on this machine. Used when no
     * {@code --config} is given.
     */
    public static KeyBridgeConfig embeddedDefault() {
        try (InputStream in = KeyBridgeConfig.class.getResourceAsStream("default-config.json")) {
            KeyBridgeConfig all = read(in, "embedded default");
            return new KeyBridgeConfig(VERSION, all.modules().stream()
                    .filter(m -> Files.isRegularFile(Path.of(m.library()))).toList(), all.expiringSoonDays(),
                    all.allowedOrigins(), all.devMode(), all.bridgePort(), null, null, null);
        } catch (IOException e) {
            throw new ConfigException("embedded default configuration unreadable", e);
        }
    }

    private static KeyBridgeConfig read(InputStream in, String where) throws IOException {
        byte[] json = in.readAllBytes();
        if (json.length == 0) throw new ConfigException(where + " is empty");
        try {
            return StrictJson.read(json, KeyBridgeConfig.class);
        } catch (IOException e) {
            Throwable root = StrictJson.cause(e);
            throw new ConfigException(where + ": " + root.getMessage(), root instanceof ConfigException c ? c : e);
        }
    }

    public void save(Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public String toJson() { return StrictJson.document(this); }
}
