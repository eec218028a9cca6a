package org.keybridge.cli;

import java.time.Duration;
import java.util.List;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/** Opens the token driver a configuration describes. */
final class Drivers {
    private Drivers() {}

    static List<ModuleSpec> modules(KeyBridgeConfig c) {
        return c.modules().stream().map(m -> new ModuleSpec(m.name(), m.library(), m.environment())).toList();
    }

    static TokenDriver open(KeyBridgeConfig c) {
        return TokenDriver.open(modules(c), DriverOptions.defaults().withExpiringSoon(Duration.ofDays(c.expiringSoonDays())));
    }
}
