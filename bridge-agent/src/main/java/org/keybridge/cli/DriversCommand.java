package org.keybridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.KeyBridgePaths;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.drivers.DriverInstaller;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.config.signing.PinnedKeys;
import org.keybridge.config.update.Catalogs;
import org.keybridge.error.KeyBridgeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keybridge drivers list|install BUNDLE|upgrade BUNDLE|rollback MODEL}: signed driver bundles, installed side
 * by side under the drivers root, switched atomically after a smoke test in a child process.
 */
@Command(name = "drivers", description = "Token driver bundles.",
        subcommands = {DriversCommand.ListDrivers.class, DriversCommand.Install.class, DriversCommand.Upgrade.class,
            DriversCommand.Rollback.class})
final class DriversCommand {
    @ParentCommand KeyBridgeCli cli;

    DriverStore store() { return new DriverStore(KeyBridgePaths.driversRoot(cli.config())); }

    DriverInstaller installer() {
        KeyBridgeConfig config = cli.config();
        Catalogs.Loaded loaded = Catalogs.load(config);
        loaded.warnings().forEach(w -> System.err.println("warning: " + w));
        return new DriverInstaller(new DriverStore(KeyBridgePaths.driversRoot(config)), loaded.catalog(), PinnedKeys.release(),
                new ProbeModuleTester(ProbeModuleTester.TIMEOUT), Platform.current());
    }

    void report(String key, DriverStore.Installed d) {
        Locale l = cli.locale();
        System.out.println(KeyBridgeException.text(key, l, d.model(), d.current(), d.previous() == null ? "-" : d.previous()));
        System.out.println("  " + d.currentModule());
    }

    record DriversView(String root, List<DriverStore.Installed> drivers) {}

    @Command(name = "list", description = "The installed drivers: version in use, previous one, all versions.")
    static final class ListDrivers implements Callable<Integer> {
        @ParentCommand DriversCommand parent;

        @Option(names = "--json", description = "machine-readable output")
        boolean json;

        @Override
        public Integer call() throws Exception {
            DriverStore store = parent.store();
            List<DriverStore.Installed> all = store.list();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(new DriversView(store.root().toString(), all)));
                return 0;
            }
            Locale l = parent.cli.locale();
            System.out.println(KeyBridgeException.text("drivers.root", l, store.root()));
            if (all.isEmpty()) System.out.println(KeyBridgeException.text("drivers.none", l));
            for (DriverStore.Installed d : all) {
                System.out.println(KeyBridgeException.text("drivers.entry", l, d.model(), d.current(),
                        d.previous() == null ? "-" : d.previous(), String.join(" ", d.versions())));
                System.out.println("  " + d.currentModule());
            }
            return 0;
        }
    }

    /** install and upgrade differ only in whether a version must already be in use. */
    abstract static class BundleCommand implements Callable<Integer> {
        @ParentCommand DriversCommand parent;

        @Parameters(paramLabel = "BUNDLE", description = "the driver bundle (zip); its signature is BUNDLE.sig")
        Path bundle;

        abstract boolean upgrade();

        @Override
        public Integer call() {
            DriverInstaller i = parent.installer();
            parent.report("drivers.installed", upgrade() ? i.upgrade(bundle) : i.install(bundle));
            return 0;
        }
    }

    @Command(name = "install", description = "Verify, install and smoke-test a signed driver bundle (BUNDLE and BUNDLE.sig), then switch to it.")
    static final class Install extends BundleCommand {
        @Override
        boolean upgrade() { return false; }
    }

    @Command(name = "upgrade", description = "As install, for a model that already has a driver in use.")
    static final class Upgrade extends BundleCommand {
        @Override
        boolean upgrade() { return true; }
    }

    @Command(name = "rollback", description = "Switch a model back to the driver version it used before.")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand DriversCommand parent;

        @Parameters(paramLabel = "MODEL") String model;

        @Override
        public Integer call() {
            parent.report("drivers.rolledBack", parent.installer().rollback(model));
            return 0;
        }
    }
}
