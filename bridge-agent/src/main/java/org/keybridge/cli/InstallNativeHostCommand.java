package org.keybridge.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.nativemsg.HostManifests;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keybridge install-native-host}: the host manifests for Chromium, Chrome, Edge and Firefox, and their wrapper. */
@Command(name = "install-native-host", mixinStandardHelpOptions = true,
        description = "Register the native-messaging host (org.keybridge.agent) with Chromium, Chrome, Edge and Firefox.")
final class InstallNativeHostCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--system", description = "for every user of this machine (/etc/…, /usr/lib/mozilla/…; needs root) instead of the current user")
    boolean system;

    @Option(names = "--uninstall", description = "remove exactly the files an installation writes")
    boolean uninstall;

    @Option(names = "--extension-id", paramLabel = "ID",
            description = "Chromium/Chrome/Edge extension allowed to connect (repeatable; default: the KeyBridge extension, ${DEFAULT-VALUE})")
    List<String> extensionIds = new ArrayList<>(List.of(HostManifests.KEYBRIDGE_EXTENSION_ID));

    @Option(names = "--firefox-id", paramLabel = "ID",
            description = "Firefox add-on allowed to connect (repeatable; default: ${DEFAULT-VALUE})")
    List<String> firefoxIds = new ArrayList<>(List.of(HostManifests.KEYBRIDGE_FIREFOX_ID));

    @Option(names = "--pin-file", paramLabel = "F", description = "the host takes PINs from this file — for automation and tests, never the default")
    Path pinFile;

    @Option(names = "--home", hidden = true, paramLabel = "DIR", description = "home directory for a per-user installation (tests)")
    Path home;

    @Option(names = "--root", hidden = true, paramLabel = "DIR", description = "file-system root for --system (tests)")
    Path root = Path.of("/");

    @Option(names = "--host", paramLabel = "PATH",
            description = "an existing host executable the manifests point at (an installed package's own); no wrapper is written or removed")
    Path host;

    @Option(names = "--launcher", hidden = true, paramLabel = "PATH", description = "the keybridge launcher the wrapper runs")
    Path launcher;

    @Override
    public Integer call() throws IOException {
        HostManifests.Layout layout = system ? HostManifests.system(root)
                : HostManifests.user(home != null ? home : Path.of(System.getProperty("user.home")));
        try {
            if (uninstall) {
                List<Path> removed = host != null ? HostManifests.uninstallManifests(layout) : HostManifests.uninstall(layout);
                for (Path p : removed) System.out.println("removed " + p);
                if (removed.isEmpty()) System.out.println("nothing to remove: the native host was not installed " + (system ? "system-wide" : "for this user"));
                return 0;
            }
            Path config = null;
            if (cli.config != null) {
                config = cli.config.toAbsolutePath().normalize();
                KeyBridgeConfig.load(config); // refuse a broken configuration now, not when the browser starts the host
            }
            Path pins = pinFile == null ? null : pinFile.toAbsolutePath().normalize();
            if (pins != null && !Files.isReadable(pins)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pin-file " + pinFile + ": not readable");
            }
            List<Path> written;
            try {
                if (host != null) {
                    if (config != null || pins != null) {
                        throw new IllegalArgumentException("--host runs the host as it is: --config and --pin-file need the wrapper");
                    }
                    written = HostManifests.installManifests(layout, host, extensionIds, firefoxIds);
                } else {
                    written = HostManifests.install(layout, new HostManifests.Target(launcher(), config, pins,
                            System.getProperty("java.home")), extensionIds, firefoxIds);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            for (Path p : written) System.out.println("wrote " + p);
            System.out.println("host " + org.keybridge.nativemsg.NativeMessaging.HOST_NAME + " allowed for "
                    + String.join(", ", extensionIds) + " (Chromium, Chrome, Edge) and " + String.join(", ", firefoxIds) + " (Firefox)");
            return 0;
        } catch (AccessDeniedException e) {
            System.err.println("error: cannot write " + e.getFile() + ": permission denied" + (system ? " (--system needs root)" : ""));
            return 1;
        }
    }

    /** bin/keybridge of this installation: from the launcher's keybridge.home, else next to target/classes. */
    private Path launcher() {
        if (launcher != null) return launcher.toAbsolutePath().normalize();
        String h = System.getProperty("keybridge.home");
        if (h != null) return Path.of(h, "bin", "keybridge").toAbsolutePath().normalize();
        try {
            Path classes = Path.of(InstallNativeHostCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.resolve("../../../bin/keybridge").toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where bin/keybridge is; give --launcher", e);
        }
    }
}
