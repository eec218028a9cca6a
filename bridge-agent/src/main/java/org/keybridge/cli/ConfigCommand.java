package org.keybridge.cli;

import java.util.concurrent.Callable;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.update.Catalogs;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.sunpkcs11.SunPkcs11Config;
import org.keybridge.token.Token;
import org.keybridge.token.TokenDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge config sunpkcs11 MODEL|SLOT}: configuration files made from what is inserted. */
@Command(name = "config", description = "Make configuration files.", subcommands = ConfigCommand.SunPkcs11.class)
final class ConfigCommand {
    @ParentCommand KeyBridgeCli cli;

    @Command(name = "sunpkcs11", description = "A SunPKCS11 provider configuration for an inserted token.")
    static final class SunPkcs11 implements Callable<Integer> {
        @ParentCommand ConfigCommand parent;

        @Parameters(paramLabel = "MODEL|SLOT", description = "a catalog model id (see 'catalog show --json'), or a slot id, token label or token serial")
        String slot;

        @Override
        public Integer call() {
            KeyBridgeConfig config = parent.cli.config();
            try (TokenDriver driver = Drivers.open(config)) {
                for (Token t : driver.tokens()) {
                    if (t.label().equals(slot) || t.serialNumber().equals(slot) || Long.toString(t.slotId()).equals(slot)) {
                        ModuleSpec spec = Drivers.modules(config).stream().filter(m -> m.name().equals(t.module())).findFirst().orElseThrow();
                        System.out.print(SunPkcs11Config.forToken(spec, t));
                        return 0;
                    }
                }
                Catalogs.Loaded loaded = Catalogs.load(config);
                var model = loaded.catalog().model(slot);
                if (model.isPresent()) {
                    System.out.print(ModelSunPkcs11.config(model.get(), loaded.catalog(), config, driver));
                    return 0;
                }
            }
            throw new KeyBridgeException(ErrorCode.NO_TOKEN, "no inserted token with slot id, label or serial " + slot
                    + ", and no catalog model of that id");
        }
    }
}
