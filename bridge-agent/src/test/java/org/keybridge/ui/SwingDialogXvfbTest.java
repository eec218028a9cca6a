package org.keybridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.KeyBridgeException;

/**
 * The real Swing PIN dialog under Xvfb, driven by java.awt.Robot (keys typed into the X server).
 *
 * <p>AWT reads DISPLAY from the process environment when its toolkit starts, and this JVM's environment cannot be
 * changed from Java. So the test starts its own Xvfb on a free display number (:90 upward) and runs the dialogs in a
 * child JVM with that DISPLAY and this test's class path ({@link SwingDialogScenarios}), then asserts on what the
 * child recorded and on the screenshots it left in {@code target/screenshots}. Nothing outside the test is needed
 * but the {@code xvfb} package (scripts/setup.sh), and two builds on one machine never share a display.
 */
public class SwingDialogXvfbTest {
    static final Path ROOT = Path.of(System.getProperty("keybridge.root", "..")).toAbsolutePath().normalize();
    static final Path TARGET = ROOT.resolve("bridge-agent/target");
    static final Path SHOTS = TARGET.resolve("screenshots");
    static Xvfb xvfb;
    static Properties r = new Properties();
    static String childOutput = "";

    @BeforeAll
    static void runTheDialogs() throws Exception {
        xvfb = Xvfb.start(TARGET.resolve("xvfb.log"));
        Path results = TARGET.resolve("swing-dialog-results.properties");
        Files.deleteIfExists(results);
        Path log = TARGET.resolve("swing-dialog-child.log");
        int exit;
        try {
            exit = xvfb.runJava(SwingDialogScenarios.class, List.of("-Dkeybridge.root=" + ROOT),
                    List.of(results.toString(), SHOTS.toString()), log, 240);
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

    static String get(String key) {
        return r.getProperty(key);
    }

    static void ok(String scenario) {
        assertThat(r.getProperty(scenario + ".error")).as("scenario %s failed; child output:\n%s", scenario, childOutput).isNull();
        assertThat(r.getProperty(scenario + ".ok")).as(scenario).isEqualTo("true");
    }

    @Test
    void typedPinIsReturnedExactlyAndTheFieldIsWiped() {
        ok("typed");
        assertThat(get("typed.answer")).isEqualTo("2468a13579");
        assertThat(get("typed.fieldLengthAfter")).isEqualTo("0");
        assertThat(get("typed.displayable")).isEqualTo("false");
        assertThat(get("typed.modal")).isEqualTo("true");
        assertThat(get("typed.alwaysOnTop")).isEqualTo("true");
        assertThat(Math.abs(Integer.parseInt(get("typed.centerDx")))).isLessThanOrEqualTo(2);
        assertThat(Math.abs(Integer.parseInt(get("typed.centerDy")))).isLessThanOrEqualTo(2);
        assertThat(get("typed.okEnabledBefore")).as("OK needs a PIN").isEqualTo("false");
        assertThat(get("typed.okEnabledAfter")).isEqualTo("true");
        assertThat(get("typed.headlineHtml")).as("the origin is kept on one line")
                .contains("<nobr><font color='#0b4f9c'>https://si.example.gov.cn</font></nobr>");
    }

    @Test
    void loginThroughTheCoreSignsWithThePinTypedIntoTheDialog() {
        ok("login");
        assertThat(get("login.verified")).isEqualTo("true");
        assertThat(get("login.algorithm")).isEqualTo("ES256");
        assertThat(get("login.dialogs")).isEqualTo("1");
        assertThat(get("login.tokenLabel")).isEqualTo(DemoKeys.TAX_LABEL);
        assertThat(get("login.headline")).isEqualTo("https://si.example.gov.cn 请求使用您的 UKey 登录。");
    }

    @Test
    void escapeCancelsAndWipesWhatWasTyped() {
        ok("escape");
        assertThat(get("escape.answer")).isEqualTo("<null>");
        assertThat(get("escape.fieldLengthAfter")).isEqualTo("0");
    }

    @Test
    void closingTheWindowCancels() {
        ok("close");
        assertThat(get("close.answer")).isEqualTo("<null>");
    }

    @Test
    void theTimeoutClosesTheDialogAsCancelled() {
        ok("timeout");
        assertThat(get("timeout.answer")).isEqualTo("<null>");
        assertThat(Long.parseLong(get("timeout.millis"))).isBetween(1400L, 15_000L);
    }

    @Test
    void finalTryShowsTheStrongWarningAndNoFlagShowsNone() {
        ok("finalTry");
        assertThat(get("finalTry.warning"))
                .isEqualTo(KeyBridgeException.text("dialog.warning.FINAL_TRY", Locale.SIMPLIFIED_CHINESE))
                .contains("锁定");
        assertThat(get("finalTry.warningWithoutFlags")).isEqualTo("false");
    }

    @Test
    void countLowSaysAWrongPinWasEnteredBefore() {
        ok("countLow");
        assertThat(get("countLow.warning")).startsWith("A wrong PIN was entered before.");
    }

    @Test
    void bindSaysThatTheKeyWillBeBoundToTheAccountAtTheOrigin() {
        ok("bind");
        assertThat(get("bind.headline"))
                .isEqualTo("https://si.example.gov.cn solicita vincular esta llave a su cuenta en si.example.gov.cn.");
        assertThat(get("bind.title")).contains("PIN");
    }

    @Test
    void askPinWorksWhenCalledOnTheEventDispatchThread() {
        ok("edt");
        assertThat(get("edt.answer")).isEqualTo("7531");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en", "es"})
    void screenshotInEachLanguageShowsTheDialog(String tag) throws IOException {
        ok("shot." + tag);
        assertThat(get("shot." + tag + ".canDisplay")).as("every label's font has the glyphs").isEqualTo("true");
        assertThat(get("shot." + tag + ".holder")).isEqualTo("深圳市示例科技有限公司");
        Path png = SHOTS.resolve("pin-dialog-" + tag + ".png");
        assertNotBlank(png);
        switch (tag) {
            case "zh-CN" -> assertThat(get("shot.zh-CN.status")).startsWith("有效期至");
            case "en" -> assertThat(get("shot.en.headline")).isEqualTo("https://si.example.gov.cn asks to log in with your key.");
            default -> assertThat(get("shot.es.status")).startsWith("Válido hasta");
        }
    }

    @Test
    void certificateListPicksByKeyboardAndEscapeCancels() throws IOException {
        ok("choose");
        assertThat(get("choose.answer")).isEqualTo(get("choose.expected"));
        assertThat(get("choose.headline")).contains("绑定");
        assertNotBlank(SHOTS.resolve("choose-certificate-zh-CN.png"));
        ok("chooseCancel");
        assertThat(get("chooseCancel.answer")).isEqualTo("<empty>");
    }

    /** A real picture: dialog-sized, many colours (text, not a flat fill), and both light and dark pixels. */
    public static void assertNotBlank(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(300);
        assertThat(img.getHeight()).isGreaterThan(200);
        Set<Integer> colours = new HashSet<>();
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                double lum = 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += lum;
                sumSq += lum * lum;
                n++;
            }
        }
        double mean = sum / n, sd = Math.sqrt(sumSq / n - mean * mean);
        assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(20);
        assertThat(sd).as("luminance spread in %s", png).isGreaterThan(10);
    }
}
