package org.keybridge.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.KeyBridgePaths;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/** Opens the token driver a configuration describes: its modules, then the installed driver bundles' current ones. */
final class Drivers {
    private Drivers() {}

    /** Name of the module of an installed driver bundle. */
    static String bundleModuleName(String model) { return "driver-" + model; }

    static List<ModuleSpec> modules(KeyBridgeConfig c) {
        List<ModuleSpec> out = new ArrayList<>(c.modules().stream().map(m -> new ModuleSpec(m.name(), m.library(), m.environment())).toList());
        try {
            for (DriverStore.Installed d : new DriverStore(KeyBridgePaths.driversRoot(c)).list()) {
                out.add(new ModuleSpec(bundleModuleName(d.model()), d.currentModule().toString(), d.environment()));
            }
        } catch (RuntimeException e) { // an unreadable drivers root must not stop the configured modules
            System.err.println("warning: drivers root " + KeyBridgePaths.driversRoot(c) + " unreadable: " + e.getMessage());
        }
        return out;
    }

    static TokenDriver open(KeyBridgeConfig c) {
        return TokenDriver.open(modules(c), DriverOptions.defaults().withExpiringSoon(Duration.ofDays(c.expiringSoonDays())));
    }
}
