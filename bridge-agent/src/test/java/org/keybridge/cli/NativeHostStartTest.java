package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.ModuleConfig;

/** What the installed package's launchers set: the host launcher's mode and the system configuration file. */
class NativeHostStartTest {
    @TempDir Path tmp;

    @Test
    void theHostLauncherPutsNativeHostBeforeWhatTheBrowserPasses() {
        String[] chromium = {"chrome-extension://bfcgcbfdlankpgihackicpapjokfbfmc/"};
        String[] firefox = {"/usr/lib/mozilla/native-messaging-hosts/org.keybridge.agent.json", "keybridge@keybridge.org"};
        assertThat(NativeHostStart.launcherArguments(chromium)).isSameAs(chromium); // an ordinary launcher: unchanged
        String before = System.getProperty(NativeHostStart.LAUNCHER_PROPERTY);
        System.setProperty(NativeHostStart.LAUNCHER_PROPERTY, "native-host");
        try {
            String[] a = NativeHostStart.launcherArguments(chromium);
            assertThat(a).containsExactly("native-host", chromium[0]);
            assertThat(NativeHostStart.isNativeHost(a)).isTrue();
            assertThat(NativeHostStart.launcherArguments(firefox)).containsExactly("native-host", firefox[0], firefox[1]);
            assertThat(NativeHostStart.launcherArguments(new String[0])).containsExactly("native-host");
        } finally {
            if (before == null) System.clearProperty(NativeHostStart.LAUNCHER_PROPERTY);
            else System.setProperty(NativeHostStart.LAUNCHER_PROPERTY, before);
        }
    }

    @Test
    void theSystemConfigurationIsUsedWhenItExistsAndNoConfigIsGiven() throws Exception {
        Path file = tmp.resolve("config.json");
        String before = System.getProperty(KeyBridgeCli.SYSTEM_CONFIG_PROPERTY);
        try {
            System.setProperty(KeyBridgeCli.SYSTEM_CONFIG_PROPERTY, file.toString());
            assertThat(KeyBridgeCli.systemConfig()).isNull(); // not there (yet): the embedded default
            assertThat(new KeyBridgeCli().config().allowedOrigins()).isEmpty();
            KeyBridgeConfig.of(List.of(new ModuleConfig("m", "/nonexistent/lib.so", java.util.Map.of())))
                    .withOrigins(List.of("https://portal.example.cn"), false).save(file);
            assertThat(KeyBridgeCli.systemConfig()).isEqualTo(file);
            assertThat(new KeyBridgeCli().config().allowedOrigins()).containsExactly("https://portal.example.cn");
            Files.delete(file);
            System.clearProperty(KeyBridgeCli.SYSTEM_CONFIG_PROPERTY);
            assertThat(KeyBridgeCli.systemConfig()).isNull();
        } finally {
            if (before == null) System.clearProperty(KeyBridgeCli.SYSTEM_CONFIG_PROPERTY);
            else System.setProperty(KeyBridgeCli.SYSTEM_CONFIG_PROPERTY, before);
        }
    }
}
