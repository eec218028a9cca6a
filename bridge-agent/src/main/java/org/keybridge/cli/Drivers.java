package org.keybridge.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.KeyBridgePaths;
import org.keybridge.config.ModuleConfig;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.update.Catalogs;
import org.keybridge.detect.CatalogSm2Mechanisms;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.skf.SkfModuleSpec;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/** Opens the token driver a configuration describes: its modules, then the installed driver bundles' current ones. */
final class Drivers {
    private Drivers() {}

    private static final String BUNDLE_PREFIX = "driver-";

    /** Name of the module of an installed driver bundle. */
    static String bundleModuleName(String model) { return BUNDLE_PREFIX + model; }

    /** The catalog model an installed driver bundle's module was installed for (by its name), if it is one. */
    static Optional<String> bundleModel(String moduleName) {
        return moduleName.startsWith(BUNDLE_PREFIX) ? Optional.of(moduleName.substring(BUNDLE_PREFIX.length())) : Optional.empty();
    }

    /** The PKCS#11 modules: the configuration's, then the installed driver bundles' current ones. */
    static List<ModuleSpec> modules(KeyBridgeConfig c) {
        List<ModuleSpec> out = new ArrayList<>(c.modules().stream().filter(m -> !m.isSkf())
                .map(m -> new ModuleSpec(m.name(), m.library(), m.environment(), sm2Mechanisms(m), m.sm2UserId())).toList());
        try {
            for (DriverStore.Installed d : new DriverStore(KeyBridgePaths.driversRoot(c)).list()) {
                out.add(new ModuleSpec(bundleModuleName(d.model()), d.currentModule().toString(), d.environment()));
            }
        } catch (RuntimeException e) { // an unreadable drivers root must not stop the configured modules
            System.err.println("warning: drivers root " + KeyBridgePaths.driversRoot(c) + " unreadable: " + e.getMessage());
        }
        return out;
    }

    /** The configuration's hex SM2 mechanism numbers ("0x80008105") as numbers. */
    static java.util.Map<String, Long> sm2Mechanisms(ModuleConfig m) {
        if (m.sm2Mechanisms() == null) return java.util.Map.of();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        m.sm2Mechanisms().forEach((k, v) -> out.put(k, Long.parseUnsignedLong(v.substring(2), 16)));
        return out;
    }

    /** The SKF libraries (GM/T 0016). */
    static List<SkfModuleSpec> skfModules(KeyBridgeConfig c) {
        return c.modules().stream().filter(ModuleConfig::isSkf)
                .map(m -> new SkfModuleSpec(m.name(), m.library(), m.environment(), m.ulongSize() == null ? 4 : m.ulongSize(),
                        m.sm2UserId(), "token".equals(m.sm2ZBy()) ? SkfModuleSpec.ZBy.TOKEN : SkfModuleSpec.ZBy.CALLER))
                .toList();
    }

    /**
     * A PKCS#11 module without SM2 mechanisms in the configuration gets its catalog module's (driver bundles by their
     * model, configured libraries by their file), looked up when one of its SM2 keys first signs.
     */
    static TokenDriver open(KeyBridgeConfig c) {
        return TokenDriver.open(modules(c), skfModules(c),
                DriverOptions.defaults().withExpiringSoon(Duration.ofDays(c.expiringSoonDays()))
                        .withSm2Mechanisms(new CatalogSm2Mechanisms(() -> Catalogs.load(c).catalog(), Drivers::bundleModel,
                                Platform.current())));
    }
}
