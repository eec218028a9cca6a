package org.keybridge.cli;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.keybridge.config.KeyBridgePaths;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.config.signing.PinnedKeys;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.core.EventHub;
import org.keybridge.core.KeyMaintenance;
import org.keybridge.token.TokenDriver;
import org.keybridge.ui.assistant.AssistantDesktop;
import org.keybridge.ui.assistant.AssistantServices;
import org.keybridge.ui.assistant.BrowserOpener;
import org.keybridge.ui.assistant.DoctorDiagnostics;
import org.keybridge.ui.assistant.ExpiryReminders;
import org.keybridge.ui.assistant.PortalDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge assistant}: the assistant window (My keys, Change PIN, Test my key, Portals, Drivers). */
@Command(name = "assistant", description = "Open the assistant window: your keys and certificates, PIN change, key test, portals, drivers.")
final class AssistantCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    @Option(names = "--tab", paramLabel = "TAB", description = "the tab to open: keys, changePin, testKey, portals, drivers")
    String tab = "keys";

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("error: the assistant needs a display (DISPLAY is not set); use `keybridge tokens` on a terminal");
            return 1;
        }
        KeyBridgeConfig config = cli.config();
        TokenDriver driver = Drivers.open(config);
        CountDownLatch closed = new CountDownLatch(1);
        try (AssistantDesktop desktop = desktop(cli, config, driver)) {
            var window = desktop.openWindow(closed::countDown);
            javax.swing.SwingUtilities.invokeLater(() -> window.select(tab));
            desktop.startReminders(Duration.ofHours(6));
            closed.await();
        } finally {
            driver.close();
        }
        return 0;
    }

    /** The assistant's services on this configuration and driver (also the agent's, for its tray). */
    static AssistantDesktop desktop(KeyBridgeCli cli, KeyBridgeConfig config, TokenDriver driver) {
        AssistantServices services = new AssistantServices(driver::tokens, driver::modules, new KeyMaintenance(driver),
                PortalDirectory.fromCatalog(KeyBridgePaths.stateDir(config), KeyBridgePaths.overrideFile(config), PinnedKeys.release()),
                new DoctorDiagnostics(DoctorDiagnostics.sameJvm(cli.config, List.of()), new DriverStore(KeyBridgePaths.driversRoot(config)),
                        Path.of(System.getProperty("user.home"))),
                BrowserOpener.system(), Clock.systemDefaultZone(), Duration.ofDays(config.expiringSoonDays()));
        return new AssistantDesktop(services, new ExpiryReminders(ExpiryReminders.defaultStateFile(), Clock.systemDefaultZone()),
                cli.locale());
    }

    /**
     * For {@code serve}: the tray icon with "Open assistant" and reminders (checked now, every 6 hours and when a key is
     * inserted), where the desktop has a tray; null otherwise (no display, no tray, or --no-tray).
     */
    static AssistantDesktop forAgent(KeyBridgeCli cli, KeyBridgeConfig config, TokenDriver driver, EventHub events) {
        if (GraphicsEnvironment.isHeadless()) return null;
        try {
            if (!java.awt.SystemTray.isSupported()) return null;
            AssistantDesktop d = desktop(cli, config, driver);
            if (!d.installTray(() -> System.exit(0))) {
                d.close();
                return null;
            }
            d.startReminders(Duration.ofHours(6));
            events.subscribe(e -> { if (e.event().equals("token-inserted")) d.checkRemindersSoon(); });
            return d;
        } catch (RuntimeException | Error e) {
            System.err.println("warning: no tray icon: " + e);
            return null;
        }
    }
}
