package org.keybridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.drivers.BundleReader;
import org.keybridge.config.signing.ReleaseSigner;

/**
 * Driver bundles for the tests, built for real: zips with a manifest, signed with the project's demo release key
 * (scripts/signing, the key this build pins), around SoftHSM's libsofthsm2.so or a gcc-built broken module.
 */
final class TestBundles {
    static final String MODEL = "demo.softhsm2";
    static final Path SOFTHSM = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final ObjectMapper JSON = new ObjectMapper();

    private TestBundles() {}

    static ReleaseSigner signer() {
        try {
            return ReleaseSigner.fromPem(Cli.ROOT.resolve("scripts/signing/demo-release-ed25519.pem"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SoftHSM configuration with its own token folder (C_Initialize fails without one). */
    static Path softhsmConf(Path dir) throws IOException {
        Path tokens = Files.createDirectories(dir.resolve("softhsm-tokens"));
        return Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    }

    /** A module built with gcc from p11bad.c: 1 = C_Initialize fails, 2 = it segfaults, 3 = it never returns. */
    static Path badModule(Path dir, int mode) throws IOException, InterruptedException {
        Path src = dir.resolve("p11bad.c");
        try (InputStream in = TestBundles.class.getResourceAsStream("p11bad.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path lib = dir.resolve("libp11bad" + mode + ".so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-DBAD_MODE=" + mode, "-I/usr/include/p11-kit-1",
                "-o", lib.toString(), src.toString()).inheritIO().start();
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) throw new IOException("gcc failed for " + src);
        return lib;
    }

    /** A signed bundle holding {@code lib/NAME} = the library, with a correct manifest. */
    static Path bundle(Path dir, String version, Path library, Map<String, String> environment) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String module = "lib/" + library.getFileName();
        files.put(module, Files.readAllBytes(library));
        files.put("README.txt", ("test driver " + version + "\n").getBytes(StandardCharsets.UTF_8));
        return signed(dir, MODEL + "-" + version + ".zip", manifest(MODEL, version, Platform.current().key(), module, files, environment), files);
    }

    static ObjectNode manifest(String model, String version, String platform, String module, Map<String, byte[]> files,
                               Map<String, String> environment) {
        ObjectNode m = JSON.createObjectNode();
        m.put("document", "driver-bundle").put("schemaVersion", 1).put("model", model).put("version", version)
                .put("platform", platform).put("module", module);
        ArrayNode list = m.putArray("files");
        files.forEach((name, content) -> list.addObject().put("path", name).put("sha256", BundleReader.sha256(content)));
        ObjectNode env = m.putObject("environment");
        environment.forEach(env::put);
        return m;
    }

    /** Zips the manifest and the files (entry names exactly as given, even hostile ones) and signs the zip. */
    static Path signed(Path dir, String name, ObjectNode manifest, Map<String, byte[]> files) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write(JSON.writeValueAsBytes(manifest));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
            }
        }
        signer().signFile(zip);
        return zip;
    }

    static List<String> tree(Path root) throws IOException {
        if (!Files.exists(root)) return List.of();
        try (var s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
