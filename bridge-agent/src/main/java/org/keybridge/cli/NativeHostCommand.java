package org.keybridge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.keybridge.config.ConfigException;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.update.Catalogs;
import org.keybridge.core.AgentCore;
import org.keybridge.core.OriginPolicy;
import org.keybridge.core.UserInteraction;
import org.keybridge.nativemsg.FrameWriter;
import org.keybridge.nativemsg.HostBackend;
import org.keybridge.nativemsg.NativeHost;
import org.keybridge.nativemsg.NativeMessaging;
import org.keybridge.nativemsg.StdoutGuard;
import org.keybridge.token.TokenDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keybridge native-host}: what the browser starts for the KeyBridge extension; native-messaging frames on
 * stdin/stdout (see {@link NativeHost}). Not for a terminal.
 */
@Command(name = "native-host", mixinStandardHelpOptions = true,
        description = "The native-messaging host the browser starts for the KeyBridge extension (stdio frames; not for a terminal).")
final class NativeHostCommand implements Callable<Integer> {
    /** How often the tokens are polled once a port asked for events. */
    static final Duration POLL = Duration.ofSeconds(1);

    @ParentCommand KeyBridgeCli cli;

    @Option(names = "--pin-file", paramLabel = "F",
            description = "PINs from this file (the PIN alone, or a pins.json map) — for automation and tests, never the default")
    Path pinFile;

    @Parameters(arity = "0..*", paramLabel = "BROWSER_ARG", hidden = true,
            description = "what the browser passes, ignored: the caller's origin chrome-extension://ID/ (Chromium), "
                    + "or the manifest path and the extension id (Firefox)")
    List<String> browserArguments = new ArrayList<>();

    @Option(names = "--parent-window", hidden = true, description = "passed by Chrome on Windows; ignored")
    String parentWindow;

    @Override
    public Integer call() {
        // first: from here on only the protocol writes to stdout
        FrameWriter early = NativeHostStart.channel();
        FrameWriter channel = early != null ? early : NativeMessaging.takeStdout();
        String version = VersionCommand.version();
        NativeHost host = new NativeHost(System.in, channel, version, () -> {
            StdoutGuard.protectNative(channel); // before any PKCS#11 module is loaded
            return open();
        });
        return host.run(early != null); // browserArguments: not needed, the extension sends the page's origin
    }

    private HostBackend open() {
        KeyBridgeConfig config = cli.config();
        // the catalog (portals, version) is read while the modules load: the page's status request waits for both
        java.util.concurrent.CompletableFuture<Catalogs.Loaded> catalog = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> Catalogs.load(config));
        UserInteraction user = interaction(pinFile);
        TokenDriver driver = Drivers.open(config);
        OriginPolicy origins;
        Catalogs.Loaded loaded;
        try {
            loaded = catalog.join();
            origins = CatalogOrigins.policy(config, loaded, config.devMode(), java.util.List.of(), System.err);
        } catch (IllegalArgumentException e) {
            driver.close();
            throw new ConfigException("allowedOrigins: " + e.getMessage(), e);
        } catch (java.util.concurrent.CompletionException e) {
            driver.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return HostBackend.of(driver, new AgentCore(driver, origins, user, VersionCommand.of(loaded)), POLL,
                (hub, wake) -> CardWatch.start(config, hub, wake));
    }

    /** The PIN file, or the agent's own dialog: never the terminal, whose streams are the browser's channel. */
    private static UserInteraction interaction(Path pinFile) {
        return org.keybridge.ui.Interactions.forNativeHost(pinFile);
    }
}
