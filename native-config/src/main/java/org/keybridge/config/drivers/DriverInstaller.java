package org.keybridge.config.drivers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.NativeModule;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.catalog.TokenModel;
import org.keybridge.config.signing.PinnedKeys;

/**
 * {@code drivers install|upgrade|rollback}. An install: the bundle is verified whole in memory
 * ({@link BundleReader}); its model must be in the catalog and its version not on the model's known-bad list; it is
 * written beside the other versions; its library is smoke-tested in a child process; only then is {@code current}
 * switched to it. A failed test removes the new version and leaves {@code current} as it was (the automatic
 * rollback), so the agent never starts on a library that did not pass.
 */
public final class DriverInstaller {
    private final DriverStore store;
    private final Catalog catalog;
    private final PinnedKeys keys;
    private final ModuleTester tester;
    private final Platform platform;

    public DriverInstaller(DriverStore store, Catalog catalog, PinnedKeys keys, ModuleTester tester, Platform platform) {
        this.store = store;
        this.catalog = catalog;
        this.keys = keys;
        this.tester = tester;
        this.platform = platform;
    }

    /** {@code install}: the first version of a model, or another one beside those installed. */
    public DriverStore.Installed install(Path bundle) { return put(bundle, false); }

    /** {@code upgrade}: like install, but the model must already have a version in use. */
    public DriverStore.Installed upgrade(Path bundle) { return put(bundle, true); }

    /** {@code rollback MODEL}: back to the version used before the last switch (and that one becomes previous). */
    public DriverStore.Installed rollback(String model) {
        try (FileChannel lock = store.lock()) {
            String previous = store.previous(model).orElseThrow(() -> new ConfigException(ConfigCode.DRIVER_NOT_INSTALLED,
                    "no earlier version of " + model + " to go back to"));
            if (!java.nio.file.Files.isDirectory(store.versionDir(model, previous))) {
                throw new ConfigException(ConfigCode.DRIVER_NOT_INSTALLED, model + " " + previous + " is no longer on disk");
            }
            store.switchTo(model, previous);
            return store.installed(model).orElseThrow();
        } catch (IOException e) {
            throw new ConfigException(ConfigCode.CONFIG_INVALID, "drivers root " + store.root() + ": " + e.getMessage(), e);
        }
    }

    private DriverStore.Installed put(Path bundle, boolean upgrade) {
        BundleReader.VerifiedBundle b = BundleReader.read(bundle, keys, platform); // nothing written before this passes
        BundleManifest m = b.manifest();
        TokenModel model = catalog.model(m.model()).orElseThrow(() -> BundleManifest.invalid(
                bundle + " is for model " + m.model() + ", which the catalog does not know"));
        for (NativeModule nm : catalog.modulesOf(model)) {
            nm.knownBad(m.version()).ifPresent(k -> {
                throw BundleManifest.invalid(m.model() + " " + m.version() + " is on the catalog's known-bad list: " + k.reason());
            });
        }
        try (FileChannel lock = store.lock()) {
            var current = store.current(m.model());
            if (upgrade && current.isEmpty()) {
                throw new ConfigException(ConfigCode.DRIVER_NOT_INSTALLED, "nothing installed for " + m.model() + " to upgrade; use install");
            }
            if (current.isPresent() && current.get().equals(m.version())) {
                throw BundleManifest.invalid(m.model() + " " + m.version() + " is already the version in use");
            }
            Path version = store.writeVersion(b);
            ModuleTester.Outcome outcome = tester.test(version.resolve(m.module()), m.environment());
            if (!outcome.ok()) {
                store.removeVersion(m.model(), m.version());
                throw new ConfigException(ConfigCode.DRIVER_TEST_FAILED, m.model() + " " + m.version() + ": " + outcome.detail()
                        + (current.isPresent() ? "; still using " + current.get() : "; nothing switched"));
            }
            store.switchTo(m.model(), m.version());
            return store.installed(m.model()).orElseThrow();
        } catch (IOException e) {
            throw new ConfigException(ConfigCode.CONFIG_INVALID, "drivers root " + store.root() + ": " + e.getMessage(), e);
        }
    }
}
