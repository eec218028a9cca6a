package org.keybridge.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.ModuleConfig;
import org.keybridge.demo.DemoKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keybridge demo-keys --dir DIR}: the demo PKI and keys on a private SoftHSM2 store. */
@Command(name = "demo-keys", description = "Make demo keys (社保CA expired, 地税CA valid) on a private SoftHSM2 store; with --sm2 also an SM2 tax-CA key (地税CA-SM2) on the software UKey.")
final class DemoKeysCommand implements Callable<Integer> {
    /** The demo portal's origin, allowed (in development mode) by the configuration demo-keys writes. */
    static final String DEMO_PORTAL_ORIGIN = "http://localhost:18080";

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "where to put the store, config.json and pins.json")
    Path dir;

    @Option(names = "--module", paramLabel = "LIB", description = "SoftHSM2 module (default: ${DEFAULT-VALUE})")
    String module = DemoKeys.DEFAULT_SOFTHSM;

    @Option(names = "--sm2", description = "also an SM2 tax-CA key (地税CA-SM2) on the software UKey, an SKF module")
    boolean sm2;

    @Option(names = "--skf-library", paramLabel = "LIB",
            description = "the software UKey for --sm2 (default: native/build/libskfsoft.so of this installation)")
    Path skfLibrary;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path skf = skfLibrary != null ? skfLibrary
                : Path.of(System.getProperty("keybridge.home", ".")).resolve("native/build/libskfsoft.so");
        // opt-in: a second valid login key makes the agent ask which one to use, which the one-key demo story avoids
        boolean withSkf = sm2 || skfLibrary != null;
        if (withSkf && !Files.isRegularFile(skf)) {
            throw new IllegalArgumentException("no software UKey at " + skf + " (make -C native)");
        }
        DemoKeys.DemoKeySet set = DemoKeys.create(dir, module, withSkf ? skf.toAbsolutePath().toString() : null, Instant.now());
        Path config = set.dir().resolve("config.json");
        List<ModuleConfig> modules = new java.util.ArrayList<>(List.of(new ModuleConfig(DemoKeys.MODULE_NAME, set.library(),
                Map.of("SOFTHSM2_CONF", set.softhsmConf().toString()))));
        if (set.skfSpec() != null) {
            modules.add(ModuleConfig.skf(set.skfSpec().name(), set.skfSpec().library(), set.skfSpec().environment()));
        }
        KeyBridgeConfig.of(modules).withOrigins(List.of(DEMO_PORTAL_ORIGIN), true).save(config);
        Path pins = set.dir().resolve("pins.json");
        Files.writeString(pins, Json.MAPPER.writeValueAsString(set.pins()) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(pins, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        System.out.printf("Demo keys for %s (USCC %s) in %s (%.1f s)%n", set.enterprise().name(), set.enterprise().uscc(),
                set.dir(), (System.nanoTime() - t0) / 1e9);
        for (DemoKeys.DemoToken t : set.tokens()) {
            System.out.printf("  token %-6s %s key, certificate %s, valid until %s, user PIN %s%n", t.label(), t.keyType(),
                    t.certificateId().substring(0, 16) + "…", t.certificate().getNotAfter().toInstant(), t.userPin());
        }
        System.out.println("Configuration: " + config);
        System.out.println("PINs:          " + pins);
        System.out.println("Try:           bin/keybridge --config " + config + " tokens");
        return 0;
    }
}
