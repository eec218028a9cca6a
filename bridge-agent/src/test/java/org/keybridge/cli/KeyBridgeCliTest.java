package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyBridgeCliTest {
    @Test
    void theCommandIsTheFirstArgumentThatIsNotARootOptionOrItsValue() {
        assertThat(KeyBridgeCli.commandName("--config", "serve", "tokens")).isEqualTo("tokens");
        assertThat(KeyBridgeCli.commandName("--lang", "es", "--config", "c.json", "serve", "--port", "0")).isEqualTo("serve");
        assertThat(KeyBridgeCli.commandName("--version")).isNull();
    }

    @Test
    void aRunBuildsTheModelOfItsOwnCommandOnlyAndHelpGetsThemAll() {
        assertThat(KeyBridgeCli.commandLine(new KeyBridgeCli(), "--config", "c.json", "serve", "--port", "0")
                .getSubcommands().keySet()).containsExactly("serve");
        assertThat(KeyBridgeCli.commandLine(new KeyBridgeCli(), "help").getSubcommands().keySet())
                .containsAll(KeyBridgeCli.Commands.ALL.keySet()).contains("serve", "native-host", "doctor");
        assertThat(KeyBridgeCli.commandLine(new KeyBridgeCli(), "--help").getSubcommands()).hasSameSizeAs(KeyBridgeCli.Commands.ALL);
    }

    @Test
    void anUnknownCommandIsStillAUsageErrorAndRootOptionsStillReachTheCommand() {
        assertThat(KeyBridgeCli.run("no-such-command")).isEqualTo(2);
        assertThat(KeyBridgeCli.run("--lang", "es", "version")).isZero();
    }
}
