package org.keybridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.ModuleConfig;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.update.Catalogs;
import org.keybridge.demo.DemoKeys;
import org.keybridge.testkeys.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's device, driver and version checks against the catalog, on real modules (SoftHSM, OpenSC). */
class DoctorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @Test
    void usbKeysAreNamedByTheCatalogAndTheirDriversLookedFor() throws IOException {
        Path usb = Files.createDirectories(tmp.resolve("usb"));
        device(usb, "1-2", "096e", "0807", "0b");  // Feitian ePass2003: its own driver absent, OpenSC present here
        device(usb, "1-3", "163c", "0407", "0b");  // Watchdata: its driver is not installed
        device(usb, "1-4", "abcd", "1234", "0b");  // a smart-card device the catalog does not know
        device(usb, "1-5", "046d", "c52b", "03");  // a mouse: not a key, not reported
        DoctorReport r = Doctor.run(settings(KeyBridgeConfig.of(List.of()), Catalogs.Loaded.class.cast(embedded()), usb), "test");
        assertThat(r.findings()).filteredOn(f -> f.id().equals("usb.key"))
                .extracting(f -> f.details().get("usb") + " " + f.severity() + " " + f.details().getOrDefault("model", "-"))
                .containsExactly("096e:0807 OK feitian.epass2003", "163c:0407 OK watchdata.usbkey", "abcd:1234 WARNING -");
        assertThat(r.findings()).filteredOn(f -> f.id().equals("model.driver"))
                .extracting(f -> f.details().get("model") + " " + f.severity())
                .containsExactly("feitian.epass2003 OK", "watchdata.usbkey ERROR");
        Finding opensc = r.findings().stream().filter(f -> f.id().equals("model.driver") && f.severity() == Severity.OK).findFirst().orElseThrow();
        assertThat(opensc.details().get("library")).endsWith("opensc-pkcs11.so");
        // the installed driver of a detected key is probed though the configuration does not name it
        assertThat(r.modules()).extracting(p -> p.library()).containsExactly(opensc.details().get("library"));
        assertThat(r.usbDevices()).hasSize(4);
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    @Test
    void aModuleVersionOnTheCatalogsKnownBadListIsAnError() throws IOException {
        DemoKeys.DemoKeySet keys = TestKeys.shared();
        ObjectNode c = (ObjectNode) JSON.readTree(catalogJson());
        for (var m : c.get("modules")) {
            if (m.get("id").asText().equals("demo.softhsm2")) {
                ((ObjectNode) m).putArray("knownBadVersions").addObject().put("version", "2.6").put("reason", "a test says so");
            }
        }
        Catalog catalog = CatalogLoader.get().catalog(JSON.writeValueAsBytes(c), "test catalog");
        var spec = keys.moduleSpec();
        // the test store's module is a copy of libsofthsm2.so: the catalog knows it by its file name
        KeyBridgeConfig config = KeyBridgeConfig.of(List.of(new ModuleConfig("softhsm", "/usr/lib/softhsm/libsofthsm2.so", spec.environment())));
        DoctorReport r = Doctor.run(settings(config, new Catalogs.Loaded(catalog, 1, 0, List.of()), tmp.resolve("none")), "test");
        Finding bad = r.findings().stream().filter(f -> f.id().equals("module.version")).findFirst().orElseThrow();
        assertThat(bad.severity()).isEqualTo(Severity.ERROR);
        assertThat(bad.text()).contains("2.6").contains("a test says so");
        assertThat(bad.fix()).contains("keybridge drivers upgrade");
    }

    @Test
    void everySentenceExistsInTheThreeLanguages() throws IOException {
        var en = load("doctor.properties");
        var zh = load("doctor_zh_CN.properties");
        var es = load("doctor_es.properties");
        assertThat(zh.keySet()).isEqualTo(en.keySet());
        assertThat(es.keySet()).isEqualTo(en.keySet());
        for (Object k : en.keySet()) {
            if (String.valueOf(k).startsWith("severity.OK")) continue; // "OK" is OK in Spanish too
            assertThat(zh.get(k)).as("zh %s", k).isNotEqualTo(en.get(k));
            if (String.valueOf(k).endsWith(".text") || String.valueOf(k).endsWith(".fix")) assertThat(es.get(k)).as("es %s", k).isNotEqualTo(en.get(k));
        }
        assertThat(new DoctorTexts(Locale.forLanguageTag("zh-CN")).finding("x", Severity.ERROR, "pcsc.stopped", null).fix())
                .contains("sudo systemctl enable --now pcscd.socket");
    }

    @Test
    void redactionDropsWhoTheCertificateIsAbout() {
        Finding f = new Finding("certificate.expiry", Severity.WARNING, "t", "f",
                java.util.Map.of("subject", "CN=ACME", "uscc", "91440300MA5KBD018E", "tokenLabel", "地税CA"));
        assertThat(f.redacted().details()).containsOnlyKeys("tokenLabel");
    }

    private DoctorSettings settings(KeyBridgeConfig config, Catalogs.Loaded catalog, Path usb) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home")), root = Files.createDirectories(tmp.resolve("root"));
        return new DoctorSettings(config, catalog, home, root, usb, Duration.ofSeconds(60), new DoctorTexts(Locale.ENGLISH));
    }

    private static Catalogs.Loaded embedded() { return new Catalogs.Loaded(CatalogLoader.embedded(), 1, 0, List.of()); }

    private static byte[] catalogJson() throws IOException {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("default-catalog.json")) {
            return in.readAllBytes();
        }
    }

    private static java.util.Properties load(String name) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var r = new java.io.InputStreamReader(DoctorTexts.class.getResourceAsStream(name), java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static void device(Path root, String name, String vid, String pid, String itfClass) throws IOException {
        Path d = Files.createDirectories(root.resolve(name));
        Files.writeString(d.resolve("idVendor"), vid + "\n");
        Files.writeString(d.resolve("idProduct"), pid + "\n");
        Files.writeString(Files.createDirectories(root.resolve(name + ":1.0")).resolve("bInterfaceClass"), itfClass + "\n");
    }
}
