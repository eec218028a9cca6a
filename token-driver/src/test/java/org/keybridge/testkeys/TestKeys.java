package org.keybridge.testkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.keybridge.demo.DemoKeys;
import org.keybridge.demo.DemoPki;
import org.keybridge.demo.DemoSkfKey;
import org.keybridge.skf.SkfModuleSpec;
import org.keybridge.pkcs11.ModuleSpec;

/**
 * Test fixtures on the real SoftHSM2 module, made with the same {@link DemoKeys} code as {@code keybridge demo-keys}.
 * Each store gets its own copy of libsofthsm2.so: SoftHSM keeps one global state per loaded library, so a copy is
 * what lets a test "insert", "remove" or re-initialize its keys without disturbing another test's.
 */
public final class TestKeys {
    private TestKeys() {}

    private static final Path ROOT = Path.of(System.getProperty("keybridge.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = ROOT.resolve("token-driver/target/test-keys");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static DemoKeys.DemoKeySet shared;

    /** A demo store shared by read-only tests of this JVM. */
    public static synchronized DemoKeys.DemoKeySet shared() {
        if (shared == null) shared = fresh("shared");
        return shared;
    }

    /** A new demo store (社保CA expired RSA, 地税CA valid P-256) on its own copy of SoftHSM. */
    public static DemoKeys.DemoKeySet fresh(String name) {
        try {
            Path dir = WORK.resolve(ProcessHandle.current().pid() + "-" + name + "-" + COUNTER.incrementAndGet());
            deleteTree(dir);
            Files.createDirectories(dir);
            Path lib = dir.resolve("libsofthsm2-" + name + ".so");
            Files.copy(Path.of(DemoKeys.DEFAULT_SOFTHSM), lib, StandardCopyOption.REPLACE_EXISTING);
            return DemoKeys.create(dir, lib.toString(), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fault-injecting module wrapping this store's SoftHSM copy; faults in {@code control}, calls counted in {@code counts}. */
    public static ModuleSpec faulty(DemoKeys.DemoKeySet keys, Path control, Path counts) {
        Map<String, String> env = new HashMap<>(keys.moduleSpec().environment());
        env.put("P11FAULT_LIB", keys.library());
        env.put("P11FAULT_FILE", control.toString());
        env.put("P11FAULT_COUNT", counts.toString());
        return new ModuleSpec("fault", faultModule().toString(), env);
    }

    /** native/build/libp11fault.so, built with make on first use. */
    public static synchronized Path faultModule() {
        return nativeBuild("libp11fault.so");
    }

    /** The software UKey, native/build/libskfsoft.so (ULONG 32 bits, as GM/T 0016 says). */
    public static Path softUKeyLibrary() { return nativeBuild("libskfsoft.so"); }

    private static Path skfStore;
    private static DemoPki skfPki;

    /**
     * An SM2 key made by {@link DemoSkfKey} on the software UKey, as device {@code device} of this JVM's one store
     * (the library reads SKFSOFT_DIR from the process environment, so a process has one store; tests use devices).
     */
    public static synchronized SoftUKey softUKey(String device) {
        try {
            if (skfStore == null) {
                skfStore = WORK.resolve(ProcessHandle.current().pid() + "-skf-" + COUNTER.incrementAndGet());
                deleteTree(skfStore);
                Files.createDirectories(skfStore);
                skfPki = DemoPki.create(Instant.now());
            }
            String lib = softUKeyLibrary().toString();
            DemoKeys.DemoToken t = DemoSkfKey.create(lib, skfStore, device, "SM2 " + device, skfPki,
                    DemoPki.demoEnterprise(), Instant.now(), new java.security.SecureRandom());
            return new SoftUKey(DemoSkfKey.spec(lib, skfStore), t, skfStore.resolve(device), skfPki);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PKCS#11 test module with vendor SM2 mechanisms (native/p11sm2.c) over the very key and certificate of a
     * software-UKey container, with the given mechanism map (name → number).
     */
    public static ModuleSpec p11sm2(SoftUKey key, Map<String, Long> mechanisms) {
        Path con = key.deviceDir().resolve(DemoSkfKey.APPLICATION).resolve(DemoSkfKey.CONTAINER);
        return new ModuleSpec("p11sm2", nativeBuild("libp11sm2.so").toString(), Map.of(
                "P11SM2_KEY", con.resolve("sign.key").toString(), "P11SM2_CERT", con.resolve("sign.cer").toString(),
                "P11SM2_PIN", key.token().userPin(), "P11SM2_LABEL", "SM2 PKCS#11"), mechanisms, null);
    }

    /** A key on the software UKey: its module, its token (label, PINs, certificate), its directory, its CA. */
    public record SoftUKey(SkfModuleSpec spec, DemoKeys.DemoToken token, Path deviceDir, DemoPki pki) {}

    /** native/build/NAME, built with make on first use. */
    public static synchronized Path nativeBuild(String name) {
        Path lib = ROOT.resolve("native/build/" + name);
        try {
            Process p = new ProcessBuilder("make", "-s", "-C", ROOT.resolve("native").toString()).inheritIO().start();
            if (p.waitFor() != 0 || !Files.isRegularFile(lib)) throw new IllegalStateException("cannot build " + lib);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return lib;
    }

    /** How many times {@code function} was called through the fault module. */
    public static long calls(Path counts, String function) {
        try {
            if (!Files.exists(counts)) return 0;
            return Files.readAllLines(counts).stream().filter(function::equals).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token directory SoftHSM keeps for a label, to "pull the key out" by moving it away. */
    public static Path tokenDirectory(DemoKeys.DemoKeySet keys, String label) throws IOException {
        Path tokens = keys.dir().resolve("softhsm/tokens");
        byte[] needle = label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var dirs = Files.list(tokens)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                byte[] obj = Files.readAllBytes(d.resolve("token.object"));
                if (indexOf(obj, needle) >= 0) return d;
            }
        }
        throw new IOException("no token directory for " + label);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
