package org.keybridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's version and commit, stamped into the jar by Maven (bridge-agent's pom). */
class AgentVersionTest {
    @Test
    void buildCarriesTheProjectVersionAndTheCommitOfThisWorkTree() throws Exception {
        AgentVersion v = AgentVersion.build("2026.1");
        assertThat(v.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(v.catalogVersion()).isEqualTo("2026.1");
        assertThat(AgentVersion.buildVersion()).isEqualTo(v.version());
        String head = gitHead();
        // outside a git work tree the build stamps "unknown"; inside, the commit it was built from (HEAD, unless a
        // commit was made since the last build)
        if (head == null) assertThat(v.commit()).isEqualTo(AgentVersion.UNKNOWN);
        else assertThat(v.commit()).matches("[0-9a-f]{7,40}");
    }

    private static String gitHead() throws Exception {
        String root = System.getProperty("keybridge.root", ".");
        Process p = new ProcessBuilder("git", "-C", Path.of(root).toString(), "rev-parse", "--short", "HEAD")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 ? out : null;
    }
}
