package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.keybridge.pcsc.PcscTestEnv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/keybridge doctor} on this machine, with pcscd stopped and with pcscd plus the vicc virtual card, on the
 * demo keys (real SoftHSM), a fresh home (so the browser manifests are missing: a warning), a bridge port of its own.
 */
class DoctorCliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(180);
    @TempDir static Path tmp;
    static DemoDir demo;
    static Path config;
    static Path home;
    static int port;
    PcscTestEnv env;

    @BeforeAll
    static void demoKeys() throws IOException {
        demo = DemoDir.create(tmp.resolve("demo"));
        home = Files.createDirectories(tmp.resolve("home"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        config = withConfig(c -> c.put("bridgePort", port), "config.json");
    }

    @AfterEach
    void stopPcscd() throws Exception {
        if (env != null) env.close();
    }

    @Test
    void withPcscdStoppedItSaysSoWithTheFixAndExitsOne() throws Exception {
        try (AutoCloseable quiet = PcscTestEnv.withoutPcscd(tmp.resolve("pcsc-off"))) {
            pcscdStopped();
        }
    }

    private void pcscdStopped() throws Exception {
        Cli.Result r = doctor(config, "--json");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        JsonNode pcsc = finding(report, "pcsc.service").get(0);
        assertThat(pcsc.get("severity").asText()).isEqualTo("error");
        assertThat(pcsc.get("text").asText()).contains("pcscd").contains("not running");
        assertThat(pcsc.get("fix").asText()).contains("systemctl enable --now pcscd.socket").contains("apt install pcscd");
        // the only error: the warnings (expired 社保CA certificate, no Chromium manifest) do not fail the command
        assertThat(bySeverity(report, "error")).containsExactly("pcsc.service");
        assertThat(bySeverity(report, "warning")).contains("certificate.expiry", "nativehost.manifest");
        assertThat(report.get("readers")).isEmpty();

        Cli.Result zh = doctor(config, "--lang", "zh-CN");
        assertThat(zh.exit()).isEqualTo(1);
        assertThat(zh.out()).contains("智能卡服务（pcscd）没有运行").contains("解决办法").contains("sudo systemctl enable --now pcscd.socket");
    }

    @Test
    void withPcscdAndTheVirtualCardItReportsTheReaderAtrAndModelAndExitsZeroOnWarnings() throws Exception {
        env = PcscTestEnv.start(tmp.resolve("pcsc"));
        Cli.Result r = doctor(config, "--json");
        JsonNode report = JSON.readTree(r.out());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(finding(report, "pcsc.service").get(0).get("severity").asText()).isEqualTo("ok");
        JsonNode card = finding(report, "pcsc.card").get(0);
        assertThat(card.get("severity").asText()).isEqualTo("ok");
        assertThat(card.get("details").get("reader").asText()).isEqualTo(PcscTestEnv.VICC_READER);
        assertThat(card.get("details").get("atr").asText()).isEqualTo(PcscTestEnv.VICC_ATR);
        assertThat(card.get("details").get("model").asText()).isEqualTo("demo.vicc-iso7816");
        assertThat(card.get("text").asText()).contains("Virtual card vicc");
        assertThat(report.get("readers")).hasSize(2);
        assertThat(bySeverity(report, "error")).isEmpty();
        assertThat(bySeverity(report, "warning")).isNotEmpty();
        JsonNode module = finding(report, "module.load").get(0);
        assertThat(module.get("severity").asText()).isEqualTo("ok");
        assertThat(module.get("details").get("libraryVersion").asText()).isEqualTo("2.6");
        List<String> certs = new ArrayList<>();
        finding(report, "certificate.expiry").forEach(c -> certs.add(c.get("details").get("tokenLabel").asText() + "="
                + c.get("details").get("status").asText()));
        assertThat(certs).containsExactlyInAnyOrder(DemoDir.SOCIAL + "=EXPIRED", DemoDir.TAX + "=VALID");
        assertThat(finding(report, "bridge.port").get(0).get("severity").asText()).isEqualTo("ok");
    }

    @Test
    void aCrashingDriverIsAnErrorAndTheDoctorLivesOn() throws Exception {
        Path lib = crashingModule();
        Path cfg = withConfig(c -> ((ArrayNode) c.get("modules")).addObject().put("name", "broken").put("library", lib.toString()),
                "broken.json");
        Cli.Result r = doctor(cfg, "--json");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        List<JsonNode> modules = finding(report, "module.load");
        assertThat(modules).hasSize(2);
        JsonNode broken = modules.stream().filter(m -> m.get("details").get("module").asText().equals("broken")).findFirst().orElseThrow();
        assertThat(broken.get("severity").asText()).isEqualTo("error");
        assertThat(broken.get("details").get("stage").asText()).isEqualTo("crash");
        assertThat(broken.get("text").asText()).contains("crashed");
        // the good module is still loaded for the certificates afterwards
        assertThat(finding(report, "certificate.expiry")).hasSize(2);
    }

    @Test
    void aPortHeldByAnotherProgramIsAnError() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path cfg = withConfig(c -> c.put("bridgePort", other.getLocalPort()), "taken.json");
            Cli.Result r = doctor(cfg, "--json");
            JsonNode port = finding(JSON.readTree(r.out()), "bridge.port").get(0);
            assertThat(port.get("severity").asText()).isEqualTo("error");
            assertThat(port.get("fix").asText()).contains("bridgePort");
            assertThat(r.exit()).isEqualTo(1);
        }
    }

    @Test
    void theBundleIsRedactedAndHoldsNoPin() throws Exception {
        env = PcscTestEnv.start(tmp.resolve("pcsc-bundle"));
        Path zip = tmp.resolve("out/diagnostic.zip");
        Cli.Result r = doctor(config, "--bundle", zip.toString());
        assertThat(r.exit()).as("%s", r).isZero();
        List<String> names = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                names.add(e.getName());
                all.append(new String(z.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        assertThat(names).containsExactlyInAnyOrder("doctor.json", "versions.json", "modules.json", "config.json");
        String text = all.toString();
        assertThat(demo.pins.values()).isNotEmpty().allSatisfy(pin -> assertThat(text).doesNotContain(pin));
        assertThat(text).doesNotContain("91440300") // the demo company's USCC, in the certificates' subjects
                .doesNotContain("softhsm2.conf")         // module environment values
                .contains(PcscTestEnv.VICC_ATR).contains("demo.vicc-iso7816").contains("(redacted)");
    }

    private static Cli.Result doctor(Path cfg, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", cfg.toString(), "doctor", "--home", home.toString()));
        all.addAll(List.of(args));
        return Cli.keybridge(TIMEOUT, all.toArray(String[]::new));
    }

    private static List<JsonNode> finding(JsonNode report, String id) {
        List<JsonNode> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("id").asText().equals(id)) out.add(f);
        });
        assertThat(out).as("finding %s in %s", id, report.toPrettyString()).isNotEmpty();
        return out;
    }

    private static List<String> bySeverity(JsonNode report, String severity) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("severity").asText().equals(severity)) out.add(f.get("id").asText());
        });
        return out;
    }

    private static Path withConfig(java.util.function.Consumer<ObjectNode> change, String name) throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree(demo.config.toFile());
        c.put("bridgePort", port);
        change.accept(c);
        Path out = tmp.resolve(name);
        JSON.writeValue(out.toFile(), c);
        return out;
    }

    /** The probe tests' broken module (token-driver's test resources), built to crash in C_Initialize. */
    private static Path crashingModule() throws IOException, InterruptedException {
        Path src = tmp.resolve("p11broken.c"), lib = tmp.resolve("libp11crash.so");
        try (InputStream in = DoctorCliIT.class.getResourceAsStream("/org/keybridge/probe/p11broken.c")) {
            Files.write(src, in.readAllBytes());
        }
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-DBROKEN_MODE=1", "-I/usr/include/p11-kit-1", "-o",
                lib.toString(), src.toString()).inheritIO().start();
        assertThat(gcc.waitFor()).isZero();
        return lib;
    }
}
