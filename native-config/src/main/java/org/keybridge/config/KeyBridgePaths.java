package org.keybridge.config;

import java.nio.file.Path;

/**
 * Where KeyBridge keeps what it installs. As root (system-wide): {@code /var/lib/keybridge} (signed updates) and
 * {@code /var/lib/keybridge/drivers}; otherwise under {@code $XDG_DATA_HOME/keybridge} (default
 * {@code ~/.local/share/keybridge}). The configuration's {@code stateDir} and {@code driversRoot} win over both.
 * The override file is always an admin's: {@code /etc/keybridge/catalog-override.json} unless configured.
 */
public final class KeyBridgePaths {
    public static final Path SYSTEM_STATE = Path.of("/var/lib/keybridge");
    public static final Path DEFAULT_OVERRIDE = Path.of("/etc/keybridge/catalog-override.json");

    private KeyBridgePaths() {}

    public static Path stateDir(KeyBridgeConfig c) {
        return c.stateDir() != null ? Path.of(c.stateDir()) : defaultStateDir();
    }

    public static Path driversRoot(KeyBridgeConfig c) {
        return c.driversRoot() != null ? Path.of(c.driversRoot()) : stateDir(c).resolve("drivers");
    }

    public static Path overrideFile(KeyBridgeConfig c) {
        return c.catalogOverride() != null ? Path.of(c.catalogOverride()) : DEFAULT_OVERRIDE;
    }

    static Path defaultStateDir() {
        if ("root".equals(System.getProperty("user.name"))) return SYSTEM_STATE;
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("keybridge");
    }
}
