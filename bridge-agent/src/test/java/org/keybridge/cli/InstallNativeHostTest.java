package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.nativemsg.HostManifests;

/** {@code install-native-host} in-process, into a temporary home (never the real user's directories). */
class InstallNativeHostTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> USER = Map.of(
            "chromium", ".config/chromium/NativeMessagingHosts/org.keybridge.agent.json",
            "chrome", ".config/google-chrome/NativeMessagingHosts/org.keybridge.agent.json",
            "edge", ".config/microsoft-edge/NativeMessagingHosts/org.keybridge.agent.json",
            "firefox", ".mozilla/native-messaging-hosts/org.keybridge.agent.json");
    static final Map<String, String> SYSTEM = Map.of(
            "chromium", "etc/chromium/native-messaging-hosts/org.keybridge.agent.json",
            "chrome", "etc/opt/chrome/native-messaging-hosts/org.keybridge.agent.json",
            "edge", "etc/opt/edge/native-messaging-hosts/org.keybridge.agent.json",
            "firefox", "usr/lib/mozilla/native-messaging-hosts/org.keybridge.agent.json");

    @TempDir Path tmp;

    @Test
    void hostOptionWritesSystemManifestsPointingAtTheGivenExecutableAndNoWrapper() throws Exception {
        Path root = tmp.resolve("root");
        Path host = Path.of("/opt/keybridge/bin/keybridge-native-host");
        assertThat(KeyBridgeCli.run("install-native-host", "--system", "--root", root.toString(), "--host", host.toString())).isZero();
        for (String rel : SYSTEM.values()) {
            JsonNode m = JSON.readTree(root.resolve(rel).toFile());
            assertThat(m.get("path").asText()).isEqualTo(host.toString());
            assertThat(m.get("name").asText()).isEqualTo("org.keybridge.agent");
        }
        assertThat(root.resolve("usr/local/lib/keybridge")).doesNotExist();
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(4);
        }
        // a relative host, or a host with a configuration the wrapper would carry: usage errors
        assertThat(KeyBridgeCli.run("install-native-host", "--system", "--root", root.toString(), "--host", "bin/host")).isEqualTo(2);
        Path config = tmp.resolve("config.json");
        KeyBridgeConfig.of(List.of()).save(config);
        assertThat(KeyBridgeCli.run("--config", config.toString(), "install-native-host", "--system", "--root", root.toString(),
                "--host", host.toString())).isEqualTo(2);
        // the uninstall leaves the host alone
        Path fakeHost = Files.createDirectories(root.resolve("opt/keybridge/bin")).resolve("keybridge-native-host");
        Files.writeString(fakeHost, "#!/bin/sh\n");
        assertThat(KeyBridgeCli.run("install-native-host", "--system", "--uninstall", "--root", root.toString(),
                "--host", fakeHost.toString())).isZero();
        for (String rel : SYSTEM.values()) assertThat(root.resolve(rel)).doesNotExist();
        assertThat(fakeHost).exists();
    }

    @Test
    void installWritesFourManifestsAndAnExecutableWrapperAndUninstallRemovesExactlyThem() throws Exception {
        Path home = tmp.resolve("home");
        Path config = tmp.resolve("config.json");
        KeyBridgeConfig.of(List.of()).save(config);
        Path launcher = tmp.resolve("repo/bin/keybridge");
        assertThat(KeyBridgeCli.run("--config", config.toString(), "install-native-host", "--home", home.toString(),
                "--launcher", launcher.toString())).isZero();

        Path wrapper = home.resolve(".local/share/keybridge/keybridge-native-host");
        for (var e : USER.entrySet()) {
            JsonNode m = JSON.readTree(home.resolve(e.getValue()).toFile());
            assertThat(m.get("name").asText()).isEqualTo("org.keybridge.agent");
            assertThat(m.get("description").asText()).isNotBlank();
            assertThat(m.get("type").asText()).isEqualTo("stdio");
            assertThat(Path.of(m.get("path").asText())).isAbsolute().isEqualTo(wrapper);
            if (e.getKey().equals("firefox")) {
                assertThat(m.has("allowed_origins")).isFalse();
                assertThat(m.get("allowed_extensions")).extracting(JsonNode::asText).containsExactly(HostManifests.KEYBRIDGE_FIREFOX_ID);
            } else {
                assertThat(m.has("allowed_extensions")).isFalse();
                assertThat(m.get("allowed_origins")).extracting(JsonNode::asText)
                        .containsExactly("chrome-extension://" + HostManifests.KEYBRIDGE_EXTENSION_ID + "/");
            }
            assertThat(m.size()).isEqualTo(5);
        }
        assertThat(HostManifests.KEYBRIDGE_EXTENSION_ID).matches("[a-p]{32}");
        assertThat(wrapper).isRegularFile().isExecutable();
        assertThat(Files.getPosixFilePermissions(wrapper)).contains(PosixFilePermission.OTHERS_EXECUTE)
                .doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
        String script = Files.readString(wrapper);
        assertThat(script).startsWith("#!/bin/sh\n")
                .contains("exec '" + launcher + "' --config '" + config + "' native-host \"$@\"")
                .contains("JAVA_HOME='" + System.getProperty("java.home") + "'");

        // other files in the same directories are not ours
        Path other = home.resolve(".config/chromium/NativeMessagingHosts/com.example.other.json");
        Files.writeString(other, "{}");
        assertThat(KeyBridgeCli.run("install-native-host", "--uninstall", "--home", home.toString())).isZero();
        for (String rel : USER.values()) assertThat(home.resolve(rel)).doesNotExist();
        assertThat(wrapper).doesNotExist();
        assertThat(other).exists();
        assertThat(home.resolve(".mozilla/native-messaging-hosts")).isDirectory();
        // uninstalling twice is fine
        assertThat(KeyBridgeCli.run("install-native-host", "--uninstall", "--home", home.toString())).isZero();
    }

    @Test
    void extensionIdsArePassedAndChecked() throws Exception {
        Path home = tmp.resolve("home");
        String a = "a".repeat(32), p = "p".repeat(32);
        assertThat(KeyBridgeCli.run("install-native-host", "--home", home.toString(), "--launcher", "/opt/kb/bin/keybridge",
                "--extension-id", a, "--extension-id", p, "--firefox-id", "{12345678-1234-1234-1234-123456789abc}",
                "--pin-file", Files.writeString(tmp.resolve("pin"), "123456").toString())).isZero();
        JsonNode chrome = JSON.readTree(home.resolve(USER.get("chrome")).toFile());
        assertThat(chrome.get("allowed_origins")).extracting(JsonNode::asText)
                .containsExactly("chrome-extension://" + a + "/", "chrome-extension://" + p + "/");
        JsonNode firefox = JSON.readTree(home.resolve(USER.get("firefox")).toFile());
        assertThat(firefox.get("allowed_extensions")).extracting(JsonNode::asText)
                .containsExactly("{12345678-1234-1234-1234-123456789abc}");
        String script = Files.readString(home.resolve(".local/share/keybridge/keybridge-native-host"));
        assertThat(script).contains("exec '/opt/kb/bin/keybridge' native-host --pin-file '" + tmp.resolve("pin") + "' \"$@\"")
                .doesNotContain("--config");

        // usage errors (exit 2): not an extension id, a wildcard, a Firefox id that is neither name@domain nor {uuid}
        for (String[] bad : new String[][] {{"--extension-id", "A".repeat(32)}, {"--extension-id", "*"},
            {"--extension-id", "a".repeat(31)}, {"--firefox-id", "keybridge"}}) {
            assertThat(KeyBridgeCli.run("install-native-host", "--home", tmp.resolve("h2").toString(), bad[0], bad[1]))
                    .as("%s %s", bad[0], bad[1]).isEqualTo(2);
        }
        assertThat(tmp.resolve("h2/.config")).doesNotExist();
    }

    @Test
    void systemWideGoesUnderTheSystemDirectoriesOnlyWithSystem() throws Exception {
        Path root = tmp.resolve("root");
        assertThat(KeyBridgeCli.run("install-native-host", "--system", "--root", root.toString(), "--launcher", "/opt/kb/bin/keybridge"))
                .isZero();
        Path wrapper = root.resolve("usr/local/lib/keybridge/keybridge-native-host");
        for (String rel : SYSTEM.values()) {
            assertThat(JSON.readTree(root.resolve(rel).toFile()).get("path").asText()).isEqualTo(wrapper.toString());
        }
        assertThat(wrapper).isExecutable();
        try (var all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(5);
        }
        assertThat(KeyBridgeCli.run("install-native-host", "--system", "--uninstall", "--root", root.toString())).isZero();
        try (var all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).count()).isZero();
        }
    }

    @Test
    void theHomeDefaultsToTheUserHomeProperty() throws Exception {
        String saved = System.getProperty("user.home");
        Path home = tmp.resolve("prop-home");
        try {
            System.setProperty("user.home", home.toString());
            assertThat(KeyBridgeCli.run("install-native-host", "--launcher", "/opt/kb/bin/keybridge")).isZero();
            for (String rel : USER.values()) assertThat(home.resolve(rel)).isRegularFile();
            assertThat(KeyBridgeCli.run("install-native-host", "--uninstall")).isZero();
            for (String rel : USER.values()) assertThat(home.resolve(rel)).doesNotExist();
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void aBrokenConfigurationIsRefusedAtInstallTime() throws Exception {
        Path config = Files.writeString(tmp.resolve("bad.json"), "{\"version\":1,\"modulez\":[]}");
        assertThat(KeyBridgeCli.run("--config", config.toString(), "install-native-host", "--home", tmp.resolve("h").toString(),
                "--launcher", "/opt/kb/bin/keybridge")).isEqualTo(1);
        assertThat(tmp.resolve("h")).doesNotExist();
    }

    @Test
    void theEarlyHelloIsOnlyForTheNativeHostCommand() {
        assertThat(NativeHostStart.isNativeHost(new String[] {"native-host"})).isTrue();
        assertThat(NativeHostStart.isNativeHost(new String[] {"--config", "c.json", "native-host", "chrome-extension://x/"})).isTrue();
        assertThat(NativeHostStart.isNativeHost(new String[] {"--config=c.json", "--lang", "en", "native-host", "--pin-file", "p"})).isTrue();
        assertThat(NativeHostStart.isNativeHost(new String[] {"native-host", "--help"})).isFalse();
        assertThat(NativeHostStart.isNativeHost(new String[] {"tokens", "native-host"})).isFalse();
        assertThat(NativeHostStart.isNativeHost(new String[] {"--config"})).isFalse();
        assertThat(NativeHostStart.isNativeHost(new String[] {})).isFalse();
    }
}
