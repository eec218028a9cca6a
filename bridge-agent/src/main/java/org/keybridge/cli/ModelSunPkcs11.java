package org.keybridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.KeyBridgePaths;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.NativeModule;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.catalog.TokenModel;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.sunpkcs11.SunPkcs11Config;
import org.keybridge.token.Token;
import org.keybridge.token.TokenDriver;

/**
 * {@code config sunpkcs11 MODEL}: the library that serves a catalog model here (its installed driver bundle first,
 * then the catalog's PKCS#11 modules found on this machine). With exactly one token of that library inserted the
 * configuration names its slot; otherwise SunPKCS11 takes the first slot holding a token.
 */
final class ModelSunPkcs11 {
    private ModelSunPkcs11() {}

    static String config(TokenModel model, Catalog catalog, KeyBridgeConfig config, TokenDriver driver) {
        List<Path> candidates = new ArrayList<>();
        new DriverStore(KeyBridgePaths.driversRoot(config)).installed(model.id()).ifPresent(d -> candidates.add(d.currentModule()));
        for (NativeModule m : catalog.modulesOf(model)) {
            if (m.type().equals("pkcs11")) m.locate(Platform.current()).ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            throw new KeyBridgeException(ErrorCode.MODULE_LOAD_FAILED, "no PKCS#11 module of " + model.id()
                    + " on this machine (install its driver bundle: keybridge drivers install)");
        }
        Path library = candidates.get(0);
        List<ModuleSpec> specs = Drivers.modules(config).stream().filter(s -> sameFile(Path.of(s.library()), library)).toList();
        List<Token> tokens = driver.tokens().stream().filter(t -> specs.stream().anyMatch(s -> s.name().equals(t.module()))).toList();
        if (tokens.size() == 1) {
            ModuleSpec spec = specs.stream().filter(s -> s.name().equals(tokens.get(0).module())).findFirst().orElseThrow();
            return SunPkcs11Config.forToken(spec, tokens.get(0));
        }
        Map<String, String> env = specs.isEmpty() ? Map.of() : specs.get(0).environment();
        StringBuilder b = new StringBuilder();
        b.append("# SunPKCS11 configuration made by KeyBridge for catalog model ").append(model.id())
                .append(" (").append(model.names().en()).append(")\n");
        b.append(tokens.isEmpty() ? "# No key of this model is inserted now; SunPKCS11 will use the first slot with a token.\n"
                : "# " + tokens.size() + " keys of this model are inserted: name one with 'keybridge config sunpkcs11 SLOT'.\n");
        env.forEach((k, v) -> b.append("# needs in the environment: ").append(k).append('=').append(v).append('\n'));
        b.append("name = ").append(("KeyBridge-" + model.id()).replaceAll("[^A-Za-z0-9_.-]", "_")).append('\n');
        b.append("library = ").append(library).append('\n');
        return b.toString();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

}
