package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.catalog.Platform;
import org.keybridge.demo.DemoSkfKey;

/**
 * A PKCS#11 module loaded for a catalog model signs SM2 with the vendor mechanism numbers of the catalog's module
 * entry, not of the configuration: {@code native/p11sm2.c} (the Sansec-family numbers) over the demo SM2 key, described
 * by a catalog entry in the admin's override file under vendor spellings (Haitai's names, or a name with an
 * {@code sm2Roles} entry). Through {@code bin/keybridge sign} as a real process, for a configured library that is the
 * catalog module's file and for an installed driver bundle of the catalog model; each signature is checked by OpenSSL
 * with the SM2 ID. Without the catalog entry the same module has no SM2 mechanism (UNSUPPORTED_MECHANISM).
 */
class CatalogSm2MechanismsCliIT {
    static final String MODEL = "demo.p11sm2", LABEL = "SM2 via catalog";
    @TempDir static Path tmp;
    static Path library, pinFile, data, publicKey;
    static Map<String, String> env;

    @BeforeAll
    static void sm2Key() throws Exception {
        Path demo = tmp.resolve("demo");
        Cli.Result made = Cli.keybridge("demo-keys", "--dir", demo.toString(), "--sm2");
        assertThat(made.exit()).as("%s", made).isZero();
        Path container = demo.resolve("skfsoft").resolve(DemoSkfKey.DEVICE).resolve(DemoSkfKey.APPLICATION)
                .resolve(DemoSkfKey.CONTAINER);
        String pin = DemoDir.JSON.readTree(demo.resolve("pins.json").toFile()).get(DemoSkfKey.LABEL).asText();
        library = Cli.ROOT.resolve("native/build/libp11sm2.so");
        assertThat(library).as("make -C native").isRegularFile();
        env = Map.of("P11SM2_KEY", container.resolve("sign.key").toString(), "P11SM2_CERT", container.resolve("sign.cer").toString(),
                "P11SM2_PIN", pin, "P11SM2_LABEL", LABEL);
        pinFile = Files.writeString(tmp.resolve("pin.txt"), pin + "\n");
        data = Files.writeString(tmp.resolve("challenge.txt"), "signed with the catalog's vendor mechanism");
        publicKey = tmp.resolve("pub.pem");
        assertThat(DemoKeysSm2CliIT.run("openssl", "x509", "-in", demo.resolve("pki/sm2-tax-login.pem").toString(),
                "-pubkey", "-noout", "-out", publicKey.toString())).isEmpty();
    }

    /** A catalog override (root's, in a folder only root writes) with a model and its module p11sm2, at {@code file}. */
    static Path override(Path dir, String file, Map<String, String> mechanisms, Map<String, String> roles) throws Exception {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ObjectNode o = DemoDir.JSON.createObjectNode().put("document", "override").put("schemaVersion", 1);
        ObjectNode model = o.putArray("tokenModels").addObject().put("id", MODEL).put("vendor", "demo");
        model.putObject("names").put("zh-CN", "SM2 测试模块").put("en", "SM2 test module").put("es", "Módulo de prueba SM2");
        model.putArray("modules").add(MODEL);
        model.put("verified", true).putArray("sources").add("DEMO");
        ObjectNode module = o.putArray("modules").addObject().put("id", MODEL).put("type", "pkcs11").put("vendor", "demo");
        module.putObject("files").put(Platform.current().key(), file);
        ObjectNode m = module.putObject("sm2Mechanisms");
        mechanisms.forEach(m::put);
        if (!roles.isEmpty()) {
            ObjectNode r = module.putObject("sm2Roles");
            roles.forEach(r::put);
        }
        module.put("verified", true).putArray("sources").add("DEMO");
        Path f = dir.resolve("catalog-override.json");
        Files.write(f, DemoDir.JSON.writeValueAsBytes(o));
        return f;
    }

    /** A configuration with p11sm2 as a module entry (no sm2Mechanisms) or none, and this override. */
    static Path config(String name, Path override, boolean withModule) throws Exception {
        ObjectNode c = DemoDir.JSON.createObjectNode().put("version", 1);
        var modules = c.putArray("modules");
        if (withModule) {
            ObjectNode m = modules.addObject().put("name", "vendor-p11").put("library", library.toString());
            ObjectNode e = m.putObject("environment");
            env.forEach(e::put);
        }
        c.put("stateDir", tmp.resolve(name + "-state").toString()).put("driversRoot", tmp.resolve(name + "-drivers").toString())
                .put("catalogOverride", override.toString());
        return Files.write(tmp.resolve(name + ".json"), DemoDir.JSON.writeValueAsBytes(c));
    }

    static Cli.Result sign(Path config, Path out) {
        return Cli.keybridge(Duration.ofSeconds(120), "--config", config.toString(), "sign", "--cert", LABEL,
                "--pin-file", pinFile.toString(), "--alg", "SM2SM3", "--der", "--in", data.toString(), "--out", out.toString());
    }

    static void assertVerifies(Path sig) throws Exception {
        assertThat(DemoKeysSm2CliIT.run("openssl", "dgst", "-sm3", "-verify", publicKey.toString(), "-sigopt",
                "distid:1234567812345678", "-signature", sig.toString(), data.toString())).contains("Verified OK");
    }

    @Test
    void aConfiguredLibraryOfACatalogModuleSignsWithHaitaisSpellingOfTheTokenHashingMechanism() throws Exception {
        // Haitai's name for "SM3 then SM2 on the token" with p11sm2's number for it (0x80008100): token-driver's CKM_SM3_SM2
        Path o = override(tmp.resolve("etc-message"), library.toString(), Map.of("CKK_SM2", "0x80000004",
                "CKM_SM2_SM3_SIGN_VERIFY", "0x80008100"), Map.of());
        Path sig = tmp.resolve("message.sig");
        Cli.Result r = sign(config("message", o, true), sig);
        assertThat(r.exit()).as("%s", r).isZero();
        assertVerifies(sig);
    }

    @Test
    void haitaisPrehashSpellingIsTakenEvenWhenTheModuleAnswersRawRAndS() throws Exception {
        // Haitai's "SM2 over e" name, here with p11sm2's raw-output number: the signer accepts raw where it expects DER
        Path o = override(tmp.resolve("etc-prehash"), library.getFileName().toString(), Map.of("CKM_SM2_SIGN_VERIFY", "0x80008105"),
                Map.of());
        Path sig = tmp.resolve("prehash.sig");
        Cli.Result r = sign(config("prehash", o, true), sig); // the catalog names the file only: matched by file name
        assertThat(r.exit()).as("%s", r).isZero();
        assertVerifies(sig);
    }

    @Test
    void withoutTheCatalogEntryTheModuleHasNoSm2Mechanism() throws Exception {
        Path o = override(tmp.resolve("etc-other"), "/opt/another-vendor/libother.so", Map.of("CKM_SM2_SIGN_NO_DER", "0x80008105"),
                Map.of());
        Cli.Result r = sign(config("other", o, true), tmp.resolve("none.sig"));
        assertThat(r.exit()).as("%s", r).isNotZero();
        assertThat(r.err()).contains("UNSUPPORTED_MECHANISM");
    }

    @Test
    void anInstalledDriverBundleOfTheModelSignsWithAVendorNameGivenARoleByTheCatalog() throws Exception {
        // a spelling token-driver does not know, made CKM_SM2_SIGN_NO_DER by the catalog's sm2Roles
        Map<String, String> mechanisms = new LinkedHashMap<>(Map.of("CKM_VENDOR_X_SM2_SIGN_RAW", "0x80008105"));
        Path o = override(tmp.resolve("etc-bundle"), library.getFileName().toString(), mechanisms,
                Map.of("CKM_VENDOR_X_SM2_SIGN_RAW", "CKM_SM2_SIGN_NO_DER"));
        Path config = config("bundle", o, false);
        Path dir = Files.createDirectories(tmp.resolve("bundles"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        String module = "lib/" + library.getFileName();
        files.put(module, Files.readAllBytes(library));
        Path zip = TestBundles.signed(dir, MODEL + "-1.0.zip",
                TestBundles.manifest(MODEL, "1.0", Platform.current().key(), module, files, env), files);
        Cli.Result installed = Cli.keybridge(Duration.ofSeconds(120), "--config", config.toString(), "drivers", "install", zip.toString());
        assertThat(installed.exit()).as("%s", installed).isZero();

        Path sig = tmp.resolve("bundle.sig");
        Cli.Result r = sign(config, sig);
        assertThat(r.exit()).as("%s", r).isZero();
        assertVerifies(sig);
    }
}
