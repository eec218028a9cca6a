package org.keybridge.cli;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.update.Catalogs;
import org.keybridge.core.AgentCore;
import org.keybridge.core.CardEvents;
import org.keybridge.core.OriginPolicy;
import org.keybridge.core.EventHub;
import org.keybridge.core.TokenWatcher;
import org.keybridge.core.UserInteraction;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.http.BridgeServer;
import org.keybridge.token.TokenDriver;
import org.keybridge.ui.Interactions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge serve}: the resident agent with the localhost HTTP bridge, until SIGTERM or Ctrl-C. */
@Command(name = "serve", description = "Run the resident agent with the localhost bridge (http://127.0.0.1:PORT).")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1 (default: bridgePort of the configuration, "
            + KeyBridgeConfig.DEFAULT_BRIDGE_PORT + "; 0 picks a free one)")
    Integer port;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", description = "an origin to serve besides the configured ones, "
            + "exactly https://host[:port] (repeatable)")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--pin-file", paramLabel = "F", description = "PINs from a file (automation and tests; never the default)")
    Path pinFile;

    @Option(names = "--dev", description = "development mode: also accept http://localhost and http://127.0.0.1 origins")
    boolean dev;

    @Option(names = "--no-tray", description = "no tray icon (and no reminders) even where the desktop has a tray")
    boolean noTray;

    @Option(names = "--rate-limit", paramLabel = "N", description = "operations per second per origin, bursts of 2N (default ${DEFAULT-VALUE})")
    double rateLimit = 10;

    @Override
    public Integer call() throws Exception {
        KeyBridgeConfig config = cli.config();
        int p = port != null ? port : config.bridgePort();
        if (p < 0 || p > 65535) throw new KeyBridgeException(ErrorCode.CONFIG_INVALID, "--port must be 0..65535");
        Catalogs.Loaded catalog = Catalogs.load(config);
        OriginPolicy policy;
        try {
            policy = CatalogOrigins.policy(config, catalog, config.devMode() || dev, allowOrigins, System.err);
        } catch (IllegalArgumentException e) {
            throw new KeyBridgeException(ErrorCode.CONFIG_INVALID, "allowed origin: " + e.getMessage());
        }
        Set<String> origins = policy.allowed();
        UserInteraction user = Interactions.forAgent(pinFile);
        TokenDriver driver = Drivers.open(config);
        EventHub events = new EventHub();
        TokenWatcher watcher = new TokenWatcher(driver, events, Duration.ofSeconds(1));
        CardEvents cards = CardWatch.start(config, events, watcher::wake);
        AgentCore core = new AgentCore(driver, policy, user, VersionCommand.of(catalog), () -> watcher.certificates(2000), events);
        BridgeServer server;
        try {
            server = BridgeServer.start(core, BridgeServer.Options.defaults().withPort(p).withRateLimit(rateLimit, (int) Math.max(1, 2 * rateLimit)));
        } catch (BindException e) {
            cards.close();
            watcher.close();
            driver.close();
            throw new KeyBridgeException(ErrorCode.CONFIG_INVALID, "cannot listen on 127.0.0.1:" + p + " (" + e.getMessage()
                    + "); is another agent running? choose another --port or bridgePort");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        IdleTrimmer trimmer = new IdleTrimmer(core::lastOperationNanos, 2000);
        AutoCloseable desktop = noTray ? null : AssistantCommand.forAgent(cli, config, driver, events);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            trimmer.close();
            if (desktop != null) {
                try {
                    desktop.close();
                } catch (Exception ignored) {
                    // the process is ending
                }
            }
            server.close();
            cards.close();
            watcher.close();
            driver.close();
            stopped.countDown();
        }, "keybridge-shutdown"));
        if (origins.isEmpty()) System.err.println("warning: no allowed origins: every request will be refused (add --allow-origin)");
        System.out.println("KeyBridge agent listening on http://127.0.0.1:" + server.port() + " (origins: "
                + (origins.isEmpty() ? "none" : String.join(", ", origins)) + ")");
        System.out.flush();
        stopped.await(); // the shutdown hook ends the process; this thread only waits for it
        return 0;
    }
}
