package org.keybridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyBridgeConfigTest {
    @TempDir Path dir;

    @Test
    void savedConfigurationLoadsBackEqual() {
        KeyBridgeConfig c = KeyBridgeConfig.of(List.of(new ModuleConfig("demo", "/usr/lib/softhsm/libsofthsm2.so",
                Map.of("SOFTHSM2_CONF", "/tmp/x/softhsm2.conf"))));
        Path f = dir.resolve("sub/config.json");
        c.save(f);
        assertThat(KeyBridgeConfig.load(f)).isEqualTo(c);
    }

    @Test
    void skfModulesAndSm2SettingsLoadAndBadOnesAreRefused() throws Exception {
        Path f = dir.resolve("skf.json");
        Files.writeString(f, "{\"version\":1,\"modules\":[{\"name\":\"ukey\",\"library\":\"/opt/x/libskf.so\",\"type\":\"skf\","
                + "\"ulongSize\":8,\"sm2ZBy\":\"token\"},{\"name\":\"p11\",\"library\":\"/opt/x/p11.so\","
                + "\"sm2Mechanisms\":{\"CKM_SM2_SIGN_NO_DER\":\"0x80008105\"}}]}");
        KeyBridgeConfig c = KeyBridgeConfig.load(f);
        assertThat(c.modules().get(0).isSkf()).isTrue();
        assertThat(c.modules().get(0).ulongSize()).isEqualTo(8);
        assertThat(c.modules().get(0).sm2ZBy()).isEqualTo("token");
        assertThat(c.modules().get(1).isSkf()).isFalse();
        assertThat(c.modules().get(1).sm2Mechanisms()).containsEntry("CKM_SM2_SIGN_NO_DER", "0x80008105");
        c.save(dir.resolve("again.json"));
        assertThat(KeyBridgeConfig.load(dir.resolve("again.json"))).isEqualTo(c);
        for (String bad : new String[] {"\"type\":\"csp\"", "\"ulongSize\":6", "\"sm2ZBy\":\"portal\"",
            "\"sm2Mechanisms\":{\"CKM_SM2_SIGN\":\"32772\"}"}) {
            Files.writeString(f, "{\"version\":1,\"modules\":[{\"name\":\"x\",\"library\":\"/x.so\"," + bad + "}]}");
            assertThatThrownBy(() -> KeyBridgeConfig.load(f)).as(bad).isInstanceOf(ConfigException.class);
        }
    }

    @Test
    void unknownFieldIsRefusedNotIgnored() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"version\":1,\"modules\":[],\"expiringSoonDays\":30,\"modlues\":[]}");
        assertThatThrownBy(() -> KeyBridgeConfig.load(f)).isInstanceOf(ConfigException.class).hasMessageContaining("modlues");
    }

    @Test
    void moduleWithoutLibraryIsRefused() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"version\":1,\"modules\":[{\"name\":\"x\"}],\"expiringSoonDays\":30}");
        assertThatThrownBy(() -> KeyBridgeConfig.load(f)).isInstanceOf(ConfigException.class).hasMessageContaining("library");
    }

    @Test
    void wrongVersionAndMissingFileAreConfigErrors() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"version\":7,\"modules\":[],\"expiringSoonDays\":30}");
        assertThatThrownBy(() -> KeyBridgeConfig.load(f)).isInstanceOf(ConfigException.class).hasMessageContaining("version 7");
        assertThatThrownBy(() -> KeyBridgeConfig.load(dir.resolve("none.json"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void expiringSoonDefaultsToThirtyDaysWhenAbsent() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"version\":1,\"modules\":[]}");
        assertThat(KeyBridgeConfig.load(f).expiringSoonDays()).isEqualTo(30);
    }

    @Test
    void embeddedDefaultListsOnlyModulesPresentOnThisMachine() {
        for (ModuleConfig m : KeyBridgeConfig.embeddedDefault().modules()) {
            assertThat(Path.of(m.library())).isRegularFile();
        }
    }
}
