package org.keybridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser-extension bench ({@code browser-extension/e2e/bench.mjs}): {@code status} page → extension → agent →
 * page in headless Chromium, against a bare native-messaging echo host in the same run. It is JavaScript driving a
 * browser, so it runs as a node process; its {@code --json} rows are this bench's rows.
 */
final class ExtensionBench {
    private final Path home;
    private final boolean verbose;

    ExtensionBench(Path home, boolean verbose) {
        this.home = home;
        this.verbose = verbose;
    }

    /** Why it cannot run on this machine (no node, Chromium or playwright-core), or null. */
    String missing() {
        Path module = home.resolve("browser-extension");
        if (!Files.isRegularFile(module.resolve("e2e/bench.mjs"))) return "no browser-extension/e2e/bench.mjs under " + home;
        if (!Files.isDirectory(module.resolve("node_modules/playwright-core"))) return "playwright-core not installed (scripts/setup.sh)";
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) return "no /usr/bin/chromium (scripts/setup.sh)";
        return null;
    }

    List<BenchCommand.Result> run(int rounds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/bench.mjs", "--json", "--rounds", String.valueOf(rounds))
                .directory(home.resolve("browser-extension").toFile())
                .redirectError(verbose ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("the extension bench failed (exit " + p.exitValue() + ")");
        List<BenchCommand.Result> rows = new ArrayList<>();
        for (JsonNode r : Json.MAPPER.readTree(out.strip())) {
            rows.add(new BenchCommand.Result(r.get("name").asText(), r.get("unit").asText(), r.get("value").asDouble(),
                    r.get("baseline").asDouble(), r.get("ratio").asDouble()));
        }
        return rows;
    }
}
