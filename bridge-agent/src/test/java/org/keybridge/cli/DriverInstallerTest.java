package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.drivers.DriverInstaller;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.config.signing.PinnedKeys;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.probe.ModuleProbe;
import org.keybridge.probe.ProbeResult;

/**
 * Driver bundles installed in this JVM, smoke-tested for real in a child JVM (token-driver's ModuleProbe): SoftHSM
 * installs and switches; gcc-built modules that fail C_Initialize or segfault are rolled back while this process
 * (standing in for the agent) carries on; tampered, unsigned and zip-slip bundles are refused before any write.
 */
class DriverInstallerTest {
    @TempDir Path tmp;
    private Path root;
    private DriverStore store;
    private DriverInstaller installer;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("drivers");
        store = new DriverStore(root);
        installer = new DriverInstaller(store, CatalogLoader.embedded(), PinnedKeys.release(),
                new ProbeModuleTester(Duration.ofSeconds(30)), Platform.current());
        env = Map.of("SOFTHSM2_CONF", TestBundles.softhsmConf(tmp).toString());
    }

    private static ConfigCode refused(Runnable r) {
        try {
            r.run();
        } catch (ConfigException e) {
            return e.code();
        }
        throw new AssertionError("accepted");
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void softHsmBundleInstallsSmokeTestsSwitchesAndRollsBack() throws Exception {
        DriverStore.Installed v1 = installer.install(TestBundles.bundle(tmp, "2.6.1-kb1", TestBundles.SOFTHSM, env));
        assertThat(v1.current()).isEqualTo("2.6.1-kb1");
        assertThat(v1.previous()).isNull();
        assertThat(Files.isSymbolicLink(root.resolve(TestBundles.MODEL + "/current"))).isTrue();
        assertThat(Files.mismatch(v1.currentModule(), TestBundles.SOFTHSM)).isEqualTo(-1L);

        DriverStore.Installed v2 = installer.upgrade(TestBundles.bundle(tmp, "2.6.1-kb2", TestBundles.SOFTHSM, env));
        assertThat(v2.current()).isEqualTo("2.6.1-kb2");
        assertThat(v2.previous()).isEqualTo("2.6.1-kb1");
        assertThat(v2.versions()).containsExactly("2.6.1-kb1", "2.6.1-kb2"); // side by side

        // the library behind `current` is what the agent will load: it answers C_GetInfo as SoftHSM
        ProbeResult probe = ModuleProbe.run(new ModuleSpec("t", v2.currentModule().toString(), env), Duration.ofSeconds(30));
        assertThat(probe.ok()).as("%s", probe).isTrue();
        assertThat(probe.manufacturer()).contains("SoftHSM");

        DriverStore.Installed back = installer.rollback(TestBundles.MODEL);
        assertThat(back.current()).isEqualTo("2.6.1-kb1");
        assertThat(back.previous()).isEqualTo("2.6.1-kb2");
        assertThat(refused(() -> installer.install(tmpBundle("2.6.1-kb1")))).isEqualTo(ConfigCode.BUNDLE_INVALID); // already in use
    }

    private Path tmpBundle(String version) {
        try {
            return TestBundles.bundle(Files.createTempDirectory(tmp, "b"), version, TestBundles.SOFTHSM, env);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void moduleFailingCInitializeIsRolledBack() throws Exception {
        installer.install(TestBundles.bundle(tmp, "1.0", TestBundles.SOFTHSM, env));
        Path bad = TestBundles.bundle(tmp, "1.1-broken", TestBundles.badModule(tmp, 1), Map.of());
        String why = message(() -> installer.upgrade(bad));
        assertThat(why).contains("C_Initialize").contains("still using 1.0");
        assertThat(refused(() -> installer.upgrade(bad))).isEqualTo(ConfigCode.DRIVER_TEST_FAILED);
        DriverStore.Installed now = store.installed(TestBundles.MODEL).orElseThrow();
        assertThat(now.current()).isEqualTo("1.0");
        assertThat(now.versions()).containsExactly("1.0"); // the failed version is gone again
    }

    @Test
    void segfaultingModuleIsRolledBackAndThisProcessStaysUp() throws Exception {
        installer.install(TestBundles.bundle(tmp, "1.0", TestBundles.SOFTHSM, env));
        long pid = ProcessHandle.current().pid();
        Path crash = TestBundles.bundle(tmp, "1.2-crash", TestBundles.badModule(tmp, 2), Map.of());
        String why = message(() -> installer.upgrade(crash));
        assertThat(why).contains("crash").contains("killed by signal"); // the JVM turns the SIGSEGV into an abort
        assertThat(ProcessHandle.current().pid()).isEqualTo(pid);
        assertThat(store.installed(TestBundles.MODEL).orElseThrow().current()).isEqualTo("1.0");
        // and this process goes on installing
        assertThat(installer.upgrade(TestBundles.bundle(tmp, "1.3", TestBundles.SOFTHSM, env)).current()).isEqualTo("1.3");
    }

    @Test
    void tamperedBundleIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path b = TestBundles.bundle(tmp, "1.0", TestBundles.SOFTHSM, env);
        byte[] zip = Files.readAllBytes(b);
        zip[zip.length / 2] ^= 0x40;
        Files.write(b, zip);
        assertThat(refused(() -> installer.install(b))).isEqualTo(ConfigCode.SIGNATURE_INVALID);
        assertThat(TestBundles.tree(root)).isEmpty();
        Path unsigned = TestBundles.bundle(tmp, "1.1", TestBundles.SOFTHSM, env);
        Files.delete(unsigned.resolveSibling(unsigned.getFileName() + ".sig"));
        assertThat(refused(() -> installer.install(unsigned))).isEqualTo(ConfigCode.SIGNATURE_MISSING);
        assertThat(TestBundles.tree(root)).isEmpty();
    }

    @Test
    void signedBundleWhoseFilesDoNotMatchTheManifestIsRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lib/libsofthsm2.so", Files.readAllBytes(TestBundles.SOFTHSM));
        ObjectNode m = TestBundles.manifest(TestBundles.MODEL, "1.0", Platform.current().key(), "lib/libsofthsm2.so", files, env);
        files.put("lib/libsofthsm2.so", "a different library".getBytes());
        assertThat(message(() -> installer.install(signed("mismatch.zip", m, files)))).contains("SHA-256");
        files.put("lib/libsofthsm2.so", Files.readAllBytes(TestBundles.SOFTHSM));
        files.put("extra.sh", "rm -rf /".getBytes());
        assertThat(message(() -> installer.install(signed("extra.zip", m, files)))).contains("not listed");
        ObjectNode other = TestBundles.manifest(TestBundles.MODEL, "1.0", "windows-x86", "lib/libsofthsm2.so",
                Map.of("lib/libsofthsm2.so", files.get("lib/libsofthsm2.so")), env);
        assertThat(refused(() -> installer.install(signed("win.zip", other, Map.of("lib/libsofthsm2.so", files.get("lib/libsofthsm2.so"))))))
                .isEqualTo(ConfigCode.BUNDLE_INVALID);
        ObjectNode unknown = TestBundles.manifest("no.such.model", "1.0", Platform.current().key(), "lib/libsofthsm2.so",
                Map.of("lib/libsofthsm2.so", files.get("lib/libsofthsm2.so")), env);
        assertThat(message(() -> installer.install(signed("unknown.zip", unknown, Map.of("lib/libsofthsm2.so", files.get("lib/libsofthsm2.so"))))))
                .contains("catalog does not know");
        assertThat(TestBundles.tree(root)).isEmpty();
    }

    private Path signed(String name, ObjectNode manifest, Map<String, byte[]> files) {
        try {
            return TestBundles.signed(tmp, name, manifest, files);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void zipSlipEntriesAreRefusedEvenWhenSigned() throws Exception {
        byte[] lib = Files.readAllBytes(TestBundles.SOFTHSM);
        for (String evil : new String[] {"../evil.so", "lib/../../evil.so", "/tmp/evil.so", "lib\\..\\..\\evil.so", "C:/evil.so", "lib//evil.so"}) {
            Map<String, byte[]> files = Map.of(evil, lib);
            ObjectNode m = TestBundles.manifest(TestBundles.MODEL, "1.0", Platform.current().key(), evil, files, env);
            Path b = signed("slip.zip", m, files);
            assertThat(refused(() -> installer.install(b))).as(evil).isEqualTo(ConfigCode.BUNDLE_UNSAFE_PATH);
        }
        assertThat(TestBundles.tree(root)).isEmpty();
        assertThat(tmp.resolve("evil.so")).doesNotExist();
        assertThat(Path.of("/tmp/evil.so")).doesNotExist();
    }

    @Test
    void anInstallInterruptedDuringItsTestLeavesThePreviousVersionInUse() throws Exception {
        installer.install(TestBundles.bundle(tmp, "1.0", TestBundles.SOFTHSM, env));
        // the power goes while the new version is being tested: the tester never comes back
        DriverInstaller interrupted = new DriverInstaller(store, CatalogLoader.embedded(), PinnedKeys.release(),
                (lib, e) -> { throw new IllegalStateException("power cut"); }, Platform.current());
        Path next = TestBundles.bundle(tmp, "2.0", TestBundles.SOFTHSM, env);
        try {
            interrupted.upgrade(next);
        } catch (IllegalStateException expected) {
            // as if the process had died here
        }
        DriverStore.Installed now = store.installed(TestBundles.MODEL).orElseThrow();
        assertThat(now.current()).isEqualTo("1.0");
        ProbeResult probe = ModuleProbe.run(new ModuleSpec("t", now.currentModule().toString(), env), Duration.ofSeconds(30));
        assertThat(probe.ok()).as("%s", probe).isTrue();
        assertThat(installer.upgrade(next).current()).isEqualTo("2.0"); // the half-done version is simply replaced
    }
}
