package org.keybridge.demoportal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The employer's story, steps 1-5, in Debian's headless Chromium (playwright-core, {@code demo-portal/e2e/story.mjs})
 * against the real agent ({@code bin/keybridge serve}, PIN file, a free port), the real demo portal
 * ({@code bin/demo-portal}) and the SoftHSM demo keys (or the SM2 tax-CA key on the software UKey); the script asserts
 * every page's visible state, then the texts of the other languages. Here: it passed, and a screenshot per step was
 * written.
 */
class DemoStoryIT {
    private static final Path ROOT = Path.of(System.getProperty("keybridge.root", "..")).toAbsolutePath().normalize();
    private static final Path OUT = ROOT.resolve("demo-portal/target/e2e");

    @Test
    void theStoryRunsEndToEndInHeadlessChromiumInChinese() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (scripts/setup.sh installs it)").isExecutable();
        String output = story(OUT, "--lang", "zh-CN");
        assertThat(output).contains("the story passed");

        for (String step : List.of("00-home", "01-certificate-expired", "02-change-initial-password",
                "02-enterprise-management", "03-insert-tax-key", "03-tax-key-detected", "03-certificate-updated",
                "04-logged-in-with-tax-key", "05-code-sent", "05-demo-sms-outbox", "05-logged-in-after-reset")) {
            assertPng(OUT.resolve("screenshots/zh-CN/" + step + ".png"));
        }
        for (String lang : List.of("en", "es")) {
            assertPng(OUT.resolve("screenshots/" + lang + "/certificate-expired.png"));
            assertPng(OUT.resolve("screenshots/" + lang + "/language-switch.png"));
        }
    }

    /**
     * The same story with the KeyBridge extension (dev build) in each browser and the agent as its native-messaging
     * host (issue 5): the client in the pages takes the extension path, and the script checks from the agents' audit
     * lines that the rebind and the tax-key login were signed by the native host and nothing by the bridge.
     */
    @Test
    void theStoryRunsThroughTheBrowserExtension() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (scripts/setup.sh installs it)").isExecutable();
        Path out = ROOT.resolve("demo-portal/target/e2e-extension");
        String output = story(out, "--lang", "zh-CN", "--via", "extension");
        assertThat(output).contains("through the extension").containsPattern("signatures: [1-9]\\d* through the extension's native host, 0 through the bridge")
                .contains("the story passed");
        assertPng(out.resolve("screenshots/zh-CN/03-tax-key-detected.png"));
        assertPng(out.resolve("screenshots/zh-CN/04-logged-in-with-tax-key.png"));
    }

    /**
     * The story with the SM2 tax-CA key (issue 8): 地税CA-SM2 on the software UKey, an SKF library, inserted at step 3 by
     * moving its device directory back into the UKey's store, and SoftHSM's 地税CA absent ({@code demo-keys --sm2},
     * {@code prepare-keys --sm2}). The script checks that the rebind names the SM2 certificate and that the final login's
     * token, as posted to the portal, is SM2SM3 over that certificate; the portal validated it (the login succeeded).
     */
    @Test
    void theStoryRunsWithTheSm2TaxKeyOnTheSoftwareUKey() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (scripts/setup.sh installs it)").isExecutable();
        Path out = ROOT.resolve("demo-portal/target/e2e-sm2");
        String output = story(out, "--lang", "zh-CN", "--key", "sm2");
        assertThat(output).contains("(SM2 tax-CA key on the software UKey)")
                .contains("logged in by a SM2SM3 token over the 地税CA-SM2 certificate").contains("the story passed");
        for (String step : List.of("01-certificate-expired", "03-insert-tax-key", "03-tax-key-detected",
                "03-certificate-updated", "04-logged-in-with-tax-key", "05-logged-in-after-reset")) {
            assertPng(out.resolve("screenshots/zh-CN/" + step + ".png"));
        }
        for (String lang : List.of("en", "es")) assertPng(out.resolve("screenshots/" + lang + "/certificate-expired.png"));
    }

    /** The SM2 story through the extension: the native host signs with the software UKey too, nothing through the bridge. */
    @Test
    void theSm2StoryRunsThroughTheBrowserExtension() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (scripts/setup.sh installs it)").isExecutable();
        Path out = ROOT.resolve("demo-portal/target/e2e-sm2-extension");
        String output = story(out, "--lang", "zh-CN", "--key", "sm2", "--via", "extension");
        assertThat(output).contains("logged in by a SM2SM3 token over the 地税CA-SM2 certificate")
                .containsPattern("signatures: [1-9]\\d* through the extension's native host, 0 through the bridge")
                .contains("the story passed");
        assertPng(out.resolve("screenshots/zh-CN/04-logged-in-with-tax-key.png"));
    }

    /** Runs demo-portal/e2e/story.mjs with {@code args}, output to {@code out}; its log, once it passed. */
    private static String story(Path out, String... args) throws Exception {
        assertThat(ROOT.resolve("demo-portal/e2e/node_modules/playwright-core")).as("npm ci in demo-portal/e2e (setup.sh)")
                .isDirectory();
        Files.createDirectories(out);
        Path log = out.resolve("story.log");
        List<String> command = new java.util.ArrayList<>(List.of("node", "demo-portal/e2e/story.mjs", "--out", out.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String output = Files.readString(log);
        assertThat(done).as("the story ended within 10 minutes:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("the story passed:%n%s", output).isZero();
        return output;
    }

    private static void assertPng(Path file) throws IOException {
        assertThat(file).exists();
        byte[] b = Files.readAllBytes(file);
        assertThat(b.length).as("%s is a real page, not an empty image", file).isGreaterThan(10_000);
        assertThat(new String(b, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
