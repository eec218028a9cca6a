package org.keybridge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.keybridge.config.drivers.ModuleTester;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.probe.ModuleProbe;
import org.keybridge.probe.ProbeResult;

/** The driver smoke test: token-driver's {@link ModuleProbe}, in a child JVM, so a crashing library kills only that. */
final class ProbeModuleTester implements ModuleTester {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Duration timeout;

    ProbeModuleTester(Duration timeout) { this.timeout = timeout; }

    @Override
    public Outcome test(Path library, Map<String, String> environment) {
        ProbeResult r = ModuleProbe.run(new ModuleSpec("driver-test", library.toString(), environment), timeout);
        if (r.ok()) {
            return new Outcome(true, "Cryptoki " + r.cryptokiVersion() + ", " + r.manufacturer() + " " + r.description()
                    + " " + r.libraryVersion() + ", " + r.slots() + " slot(s)");
        }
        return new Outcome(false, "smoke test failed at " + r.stage() + ": " + r.error());
    }
}
