package org.keybridge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.keybridge.demo.DemoKeys;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.testkeys.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe runs the module in a child JVM: real SoftHSM passes; a failing, crashing, hanging or exiting library is reported, and this JVM lives on. */
class ModuleProbeTest {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    @TempDir Path tmp;

    @Test
    void softHsmWithTheDemoKeysPassesEveryStep() {
        DemoKeys.DemoKeySet keys = TestKeys.shared();
        ProbeResult r = ModuleProbe.run(keys.moduleSpec(), TIMEOUT);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.stage()).isNull();
        assertThat(r.manufacturer()).isEqualTo("SoftHSM");
        assertThat(r.cryptokiVersion()).matches("2\\.\\d+");
        assertThat(r.libraryVersion()).isEqualTo("2.6");
        assertThat(r.tokenLabels()).containsExactlyInAnyOrder("社保CA", "地税CA");
        assertThat(r.slots()).isGreaterThanOrEqualTo(3); // two tokens and SoftHSM's spare slot
        System.out.println("probe of SoftHSM in a child JVM: " + r.millis() + " ms");
    }

    @Test
    void aFailingInitializeIsReportedWithItsStageAndCode() throws IOException {
        DemoKeys.DemoKeySet keys = TestKeys.shared();
        Path control = Files.writeString(tmp.resolve("faults"), "C_Initialize=0x5\n");
        ModuleSpec spec = TestKeys.faulty(keys, control, tmp.resolve("calls"));
        ProbeResult r = ModuleProbe.run(spec, TIMEOUT);
        assertThat(r.ok()).isFalse();
        assertThat(r.stage()).isEqualTo("C_Initialize");
        assertThat(r.error()).contains("CKR_GENERAL_ERROR");
        assertThat(r.crashed()).isFalse();
    }

    @Test
    void aLibraryThatCrashesKillsOnlyTheChild() throws Exception {
        java.util.function.Supplier<List<String>> reportsHere = () -> {
            try (var files = Files.list(Path.of(System.getProperty("user.dir")))) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("hs_err_pid")).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        List<String> before = reportsHere.get();
        ProbeResult r = ModuleProbe.run(ModuleSpec.of("broken", broken(1).toString()), TIMEOUT);
        assertThat(r.ok()).isFalse();
        assertThat(r.crashed()).as(r.toString()).isTrue();
        assertThat(r.exitStatus()).isGreaterThan(128);
        assertThat(r.error()).startsWith("killed by signal").contains("the JVM's crash report: ");
        Path report = Path.of(r.error().substring(r.error().indexOf("crash report: ") + 14));
        assertThat(report.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(Files.readString(report)).contains("SIGSEGV");
        assertThat(reportsHere.get()).as("no crash report left in the working directory").isEqualTo(before);
        // and this JVM is still here to load a good module afterwards
        assertThat(ModuleProbe.run(TestKeys.shared().moduleSpec(), TIMEOUT).ok()).isTrue();
    }

    @Test
    void aLibraryThatHangsIsCutOffAtTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        ProbeResult r = ModuleProbe.run(ModuleSpec.of("hang", broken(2).toString()), Duration.ofSeconds(4));
        assertThat(r.stage()).isEqualTo("timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(4000L, 12000L);
    }

    @Test
    void aLibraryThatExitsQuietlyIsNotMistakenForAPass() throws Exception {
        ProbeResult r = ModuleProbe.run(ModuleSpec.of("exit", broken(3).toString()), TIMEOUT);
        assertThat(r.ok()).isFalse();
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stage()).isEqualTo("crash");
        assertThat(r.error()).isEqualTo("exit status 0");
    }

    @Test
    void aMissingFileFailsAtLoadWithoutStartingAChild() {
        ProbeResult r = ModuleProbe.run(new ModuleSpec("gone", tmp.resolve("libnone.so").toString(), Map.of()), TIMEOUT);
        assertThat(r.stage()).isEqualTo("load");
        assertThat(r.error()).isEqualTo("no such file");
        assertThat(r.millis()).isLessThan(1000);
    }

    /** Builds p11broken.c with gcc for one mode. */
    private Path broken(int mode) throws IOException, InterruptedException {
        Path src = tmp.resolve("p11broken.c");
        try (InputStream in = getClass().getResourceAsStream("p11broken.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path lib = tmp.resolve("libp11broken" + mode + ".so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-DBROKEN_MODE=" + mode, "-I/usr/include/p11-kit-1",
                "-o", lib.toString(), src.toString()).inheritIO().start();
        assertThat(gcc.waitFor()).isZero();
        return lib;
    }
}
