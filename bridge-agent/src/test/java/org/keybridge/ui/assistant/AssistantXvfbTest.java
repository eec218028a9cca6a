package org.keybridge.ui.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.ui.SwingDialogXvfbTest;
import org.keybridge.ui.Xvfb;

/**
 * The real assistant window under its own Xvfb, on fresh SoftHSM demo keys, driven by java.awt.Robot in a child JVM
 * ({@link AssistantScenarios}; a JVM reads DISPLAY once, so the window runs where the display is). The test asserts on
 * what the child recorded and on the screenshots it left in {@code target/screenshots/assistant}.
 */
class AssistantXvfbTest {
    static final Path ROOT = Path.of(System.getProperty("keybridge.root", "..")).toAbsolutePath().normalize();
    static final Path TARGET = ROOT.resolve("bridge-agent/target");
    static final Path SHOTS = TARGET.resolve("screenshots/assistant");
    static final AssistantTexts ZH = new AssistantTexts(Locale.SIMPLIFIED_CHINESE);
    static Xvfb xvfb;
    static Properties r = new Properties();
    static String childOutput = "";

    @BeforeAll
    static void runTheWindow() throws Exception {
        xvfb = Xvfb.start(TARGET.resolve("xvfb-assistant.log"));
        Path results = TARGET.resolve("assistant-results.properties");
        Files.deleteIfExists(results);
        Path log = TARGET.resolve("assistant-child.log");
        int exit;
        try {
            exit = xvfb.runJava(AssistantScenarios.class, List.of("-Duser.language=zh", "-Duser.country=CN",
                    "-Dkeybridge.root=" + ROOT), List.of(results.toString(), SHOTS.toString(),
                    TARGET.resolve("assistant-work").toString()), log, 300);
        } finally {
            childOutput = Files.exists(log) ? Files.readString(log) : "";
        }
        assertThat(exit).as("child JVM exit; its output:\n%s", childOutput).isZero();
        try (Reader in = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            r.load(in);
        }
    }

    @AfterAll
    static void stopXvfb() {
        if (xvfb != null) xvfb.close();
    }

    static String get(String key) { return r.getProperty(key); }

    static void ok(String scenario) {
        assertThat(r.getProperty(scenario + ".error")).as("scenario %s failed; child output:\n%s", scenario, childOutput).isNull();
        assertThat(r.getProperty(scenario + ".ok")).as(scenario).isEqualTo("true");
    }

    @Test
    void theWindowOpensInTheSystemLanguageWithItsFiveTabs() {
        ok("open");
        assertThat(get("open.title")).isEqualTo("KeyBridge 证书助手");
        assertThat(get("open.tabs")).isEqualTo("5");
    }

    @Test
    void theExpiredSocialSecurityCertificateIsShownExpiredInRedWithItsNextStep() {
        ok("keys");
        Instant ssEnd = Instant.parse(get("keys.ss.notAfter")), now = Instant.parse(get("keys.now"));
        long ago = Duration.between(ssEnd, now).toDays();
        assertThat(ago).isBetween(9L, 11L); // the demo makes it expire 10 days ago
        assertThat(get("keys.ss.status")).isEqualTo(ZH.get("status.EXPIRED", ago)).isEqualTo("已过期 " + ago + " 天");
        assertThat(get("keys.ss.colour")).isEqualTo("#b00020");
        assertThat(get("keys.ss.next")).isEqualTo(ZH.get("next.rebind", "社保网上服务大厅 (https://si.example.gov.cn)", DemoKeys.TAX_LABEL))
                .contains("单位管理 → 更新 CA 证书").contains(DemoKeys.TAX_LABEL).contains("https://si.example.gov.cn");
        assertThat(get("keys.ss.holder")).isEqualTo("深圳市示例科技有限公司");
        assertThat(get("keys.ss.uscc")).hasSize(18);
        assertThat(get("keys.ss.issuer")).contains("Social Security");
        assertThat(get("keys.opened")).as("the button opened the portal").isEqualTo("https://si.example.gov.cn");
        assertThat(get("keys.openedText")).contains("https://si.example.gov.cn");
        assertThat(get("keys.tokenDetails")).contains("SoftHSM");
    }

    @Test
    void theTaxCertificateIsValidInGreenWithItsDaysLeftAndNoNextStep() {
        ok("keys");
        Instant end = Instant.parse(get("keys.tax.notAfter")), now = Instant.parse(get("keys.now"));
        long left = Duration.between(now, end).toDays();
        assertThat(left).isGreaterThan(700);
        assertThat(get("keys.tax.status")).isIn(ZH.get("status.VALID", left), ZH.get("status.VALID", left - 1))
                .startsWith("有效 · 还剩 ");
        assertThat(get("keys.tax.colour")).isEqualTo("#1b6e20");
        assertThat(get("keys.tax.nextShown")).isEqualTo("false");
        assertThat(get("keys.tax.holder")).isEqualTo(get("keys.ss.holder"));
        assertThat(get("keys.tax.uscc")).isEqualTo(get("keys.ss.uscc"));
    }

    @Test
    void a123456NewPinIsRefusedWithAClearMessageAndNeverReachesTheKey() {
        ok("refused");
        assertThat(get("refused.code")).isEqualTo("RULE_SEQUENCE");
        assertThat(get("refused.text")).isEqualTo(ZH.get("pin.problem.SEQUENCE")).contains("123456");
        assertThat(get("refused.setPinCalls")).isEqualTo("0");
        assertThat(get("refused.fieldsEmpty")).as("typed PINs are cleared from the fields").isEqualTo("0");
        assertThat(get("refused.rules")).contains("4").contains("255"); // SoftHSM's ulMinPinLen/ulMaxPinLen
    }

    @Test
    void aWrongOldPinShowsTheTriesLeftAfterExactlyOneAttempt() {
        ok("wrongOld");
        assertThat(get("wrongOld.code")).isEqualTo("PIN_INCORRECT");
        assertThat(get("wrongOld.text")).startsWith(KeyBridgeException.userMessage(ErrorCode.PIN_INCORRECT, Locale.SIMPLIFIED_CHINESE))
                .endsWith(ZH.get("pin.tries.COUNT_LOW"));
        assertThat(get("wrongOld.setPinCalls")).isEqualTo("1");
    }

    @Test
    void changePinWorksAndTheNewPinLogsInWhileTheOldOneNoLongerDoes() {
        ok("change");
        assertThat(get("change.code")).isEqualTo("OK");
        assertThat(get("change.text")).isEqualTo(ZH.get("pin.done"));
        assertThat(get("change.setPinCalls")).isEqualTo("1");
        assertThat(get("change.newPinLogsIn")).isEqualTo("ES256");
        assertThat(get("change.oldPinRefused")).isEqualTo("PIN_INCORRECT");
    }

    @Test
    void testMyKeySignsAndVerifies() {
        ok("test");
        assertThat(get("test.code")).isEqualTo("OK");
        assertThat(get("test.text")).startsWith("正常").contains("ES256");
    }

    @Test
    void aKeyWithItsInitialPinMakesTheAssistantAskOncePerKey() {
        ok("toBeChanged");
        assertThat(get("toBeChanged.prompt")).matches(".*UKey“(社保CA|地税CA)”仍在使用初始 PIN 码.*");
        assertThat(get("toBeChanged.banner")).isEqualTo(ZH.get("keys.pinToBeChanged"));
        assertThat(get("toBeChanged.tab")).isEqualTo("changePin");
        assertThat(get("toBeChanged.prompt")).contains(get("toBeChanged.key"));
        assertThat(get("toBeChanged.second")).as("then the other key").doesNotContain(get("toBeChanged.key"));
        assertThat(get("toBeChanged.askedAgain")).isEqualTo("false");
    }

    @Test
    void portalsShowTheSignedListAndRefuseATamperedOneWithAMessage() {
        ok("portals");
        assertThat(get("portals.name")).isEqualTo("社保网上服务大厅");
        assertThat(get("portals.address")).isEqualTo("https://si.example.gov.cn");
        assertThat(get("portals.signature")).isEqualTo(ZH.get("portals.signature.SIGNED", "test-release"));
        assertThat(get("portals.version")).contains("portals 5");
        assertThat(get("portals.tamperedCode")).isEqualTo("SIGNATURE_INVALID");
        assertThat(get("portals.tamperedText")).startsWith("网站列表被拒绝，仍使用当前列表：")
                .contains(KeyBridgeException.userMessage(ErrorCode.SIGNATURE_INVALID, Locale.SIMPLIFIED_CHINESE));
        assertThat(get("portals.versionAfterTampered")).as("the current list is kept").contains("portals 5");
        assertThat(get("portals.olderCode")).as("a rollback to an older list").isEqualTo("UPDATE_ROLLBACK");
        assertThat(get("portals.newerCode")).isEqualTo("OK");
        assertThat(get("portals.newerText")).isEqualTo(ZH.get("portals.updated", get("portals.versionAfterNewer").replace("网站列表版本：", "")));
        assertThat(get("portals.versionAfterNewer")).contains("portals 7");
    }

    @Test
    void driversShowTheModuleVersionTheDoctorsFindingsAndCopyABundleWithoutPins() {
        ok("drivers");
        assertThat(get("drivers.module")).isEqualTo("fault");
        assertThat(get("drivers.state")).isEqualTo(ZH.get("drivers.loaded"));
        assertThat(get("drivers.version")).as("C_GetInfo's libraryVersion through the doctor's probe").matches("\\d+\\.\\d+");
        assertThat(get("drivers.findings")).contains("fault");
        assertThat(get("drivers.findingColours")).as("the module's OK finding in green, the expired certificate's in red")
                .contains("#1b6e20").contains("#b00020");
        assertThat(get("drivers.installed")).isEqualTo(ZH.get("drivers.noInstalled"));
        assertThat(get("drivers.code")).isEqualTo("OK");
        assertThat(get("drivers.clipboard")).endsWith(".zip").contains("keybridge-diagnostic-");
        assertThat(get("drivers.clipboardFiles")).contains(get("drivers.clipboard"));
        assertThat(Integer.parseInt(get("drivers.bundleEntries"))).isGreaterThan(100);
        assertThat(get("drivers.bundleHasPin")).isEqualTo("false");
    }

    @Test
    void withoutATrayTheExpiredReminderGoesToTheWindowOnce() {
        ok("notice");
        assertThat(get("notice.sent")).isEqualTo("1"); // only the expired one: the tax certificate is 2 years away
        assertThat(get("notice.sentAgain")).isEqualTo("0");
        assertThat(get("notice.text")).contains("社保CA").contains("过期");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en", "es"})
    void everyScreenInEachLanguage(String tag) throws Exception {
        ok("shots." + tag);
        AssistantTexts t = new AssistantTexts(Locale.forLanguageTag(tag));
        assertThat(get("shots." + tag + ".title")).isEqualTo(t.get("title"));
        assertThat(get("shots." + tag + ".tab0")).isEqualTo(t.get("tab.keys"));
        assertThat(get("shots." + tag + ".canDisplay")).as("every label's font has its glyphs").isEqualTo("true");
        assertThat(get("shots." + tag + ".refused")).isEqualTo("RULE_SEQUENCE");
        assertThat(get("shots." + tag + ".test")).isEqualTo("OK");
        switch (tag) {
            case "en" -> assertThat(get("shots.en.ssNext")).startsWith("Log in with your user name and password at");
            case "es" -> assertThat(get("shots.es.taxStatus")).startsWith("Válido · quedan");
            default -> assertThat(get("shots.zh-CN.ssNext")).contains("单位管理");
        }
        for (String tab : AssistantWindow.TABS) SwingDialogXvfbTest.assertNotBlank(SHOTS.resolve("assistant-" + tab + "-" + tag + ".png"));
    }
}
