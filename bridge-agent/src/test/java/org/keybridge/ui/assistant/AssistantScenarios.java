package org.keybridge.ui.assistant;

import java.awt.Color;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.ModuleConfig;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.config.signing.PinnedKeys;
import org.keybridge.config.signing.ReleaseSigner;
import org.keybridge.config.update.CatalogStore;
import org.keybridge.core.KeyMaintenance;
import org.keybridge.demo.DemoKeys;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import org.keybridge.ui.SwingDialogScenarios;

/**
 * Runs in a child JVM started by {@link AssistantXvfbTest} with DISPLAY set to its own Xvfb: opens the real assistant
 * window on fresh SoftHSM demo keys (behind the fault module, which counts C_SetPIN and can raise token flags), drives
 * it with {@link Robot} (clicks and keys into the X server), records what it shows in a properties file and takes
 * screenshots. Arguments: results file, screenshot directory, work directory.
 */
public final class AssistantScenarios {
    static final String PORTAL = "https://si.example.gov.cn";
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE, EN = Locale.ENGLISH, ES = new Locale("es");
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Properties results = new Properties();
    private final Path shots, work, control, counts;
    private final Robot robot;
    private final DemoKeys.DemoKeySet keys;
    private final TokenDriver driver;
    private final List<URI> opened = new ArrayList<>();
    private final AssistantServices services;
    private final KeyBridgeConfig config;
    private final ReleaseSigner signer;
    private final PinnedKeys pinned;
    private AssistantWindow window;
    private String pin;

    private AssistantScenarios(Path shots, Path work) throws Exception {
        this.shots = shots;
        this.work = work;
        control = work.resolve("faults.txt");
        counts = work.resolve("calls.txt");
        Files.deleteIfExists(control);
        Files.deleteIfExists(work.resolve("reminders.properties"));
        keys = TestKeys.fresh("assistant");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)), DriverOptions.defaults());
        pin = keys.token(DemoKeys.TAX_LABEL).userPin();
        // the configuration, catalog state, drivers and home all under the work folder: nothing of the machine's is read
        var spec = TestKeys.faulty(keys, control, counts);
        config = new KeyBridgeConfig(KeyBridgeConfig.VERSION, List.of(new ModuleConfig(spec.name(), spec.library(), spec.environment())),
                30, List.of(), false, null, work.resolve("state").toString(), work.resolve("drivers").toString(),
                work.resolve("no-override.json").toString());
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        signer = new ReleaseSigner((Ed25519PrivateKeyParameters) kp.getPrivate());
        pinned = new PinnedKeys(Map.of("test-release", (Ed25519PublicKeyParameters) kp.getPublic()));
        // a signed portal list naming the social-security hall, installed as `portals update` would
        new CatalogStore(work.resolve("state"), pinned, w -> { }).updatePortals(portalList("portals-5.json", 5, false));
        Path home = work.resolve("home"), root = work.resolve("root");
        Files.createDirectories(home);
        Files.createDirectories(root);
        Path configFile = work.resolve("config.json");
        config.save(configFile);
        List<String> doctor = DoctorDiagnostics.sameJvm(configFile, List.of("--home", home.toString(), "--root", root.toString()));
        // The browser is the one part replaced: opening a real one from a test would leave it running. Named as such.
        BrowserOpener recordingBrowser = page -> opened.add(page);
        services = new AssistantServices(driver::tokens, driver::modules, new KeyMaintenance(driver),
                PortalDirectory.fromCatalog(work.resolve("state"), work.resolve("no-override.json"), pinned),
                new DoctorDiagnostics(doctor, new DriverStore(work.resolve("drivers")), work.resolve("bundles")),
                recordingBrowser, Clock.systemDefaultZone(), Duration.ofDays(30));
        AssistantLook.install();
        robot = new Robot();
        robot.setAutoDelay(10);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]), shots = Path.of(args[1]), work = Path.of(args[2]);
        Files.createDirectories(shots);
        Files.createDirectories(work);
        AssistantScenarios s = new AssistantScenarios(shots, work);
        try {
            s.run("open", s::openTheWindow);
            s.run("keys", s::myKeys);
            s.run("refused", s::trivialNewPinIsRefused);
            s.run("wrongOld", s::wrongOldPinShowsTheTriesLeft);
            s.run("change", s::changePinWorksAndTheNewPinLogsIn);
            s.run("test", s::testMyKeyPasses);
            s.run("toBeChanged", s::initialPinMakesTheAssistantAsk);
            s.run("portals", s::portals);
            s.run("drivers", s::driversCopyTheBundle);
            s.run("notice", s::remindersWithoutATrayGoToTheWindow);
            for (Locale l : List.of(ZH, EN, ES)) s.run("shots." + l.toLanguageTag(), () -> s.screens(l));
        } finally {
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8)) {
                s.results.store(w, null);
            }
            s.driver.close();
        }
        System.exit(0); // the AWT threads would keep the JVM alive
    }

    interface Scenario { void run() throws Exception; }

    private void run(String name, Scenario s) {
        long start = System.nanoTime();
        try {
            s.run();
            put(name + ".ok", "true");
        } catch (Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            put(name + ".error", w.toString());
            System.err.println("scenario " + name + " failed: " + w);
        } finally {
            put(name + ".millis", String.valueOf((System.nanoTime() - start) / 1_000_000));
            System.err.printf("scenario %s: %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void put(String key, String value) { results.setProperty(key, value == null ? "<null>" : value); }

    // ----- scenarios -----------------------------------------------------------------------------------------------

    void openTheWindow() throws Exception {
        window = onEdt(() -> new AssistantWindow(services, ZH, 0));
        onEdt(() -> window.open()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        robot.waitForIdle();
        put("open.title", onEdt(() -> window.frame().getTitle()));
        put("open.tabs", onEdt(() -> String.valueOf(tabs().getTabCount())));
    }

    void myKeys() throws Exception {
        String ss = "cert." + DemoKeys.SOCIAL_SECURITY_LABEL + ".0.", tax = "cert." + DemoKeys.TAX_LABEL + ".0.";
        for (String k : List.of("status", "holder", "uscc", "issuer", "from", "to", "next")) {
            put("keys.ss." + k, text(ss + k));
            put("keys.tax." + k, text(tax + k));
        }
        put("keys.ss.colour", hex(onEdt(() -> label(ss + "status").getForeground())));
        put("keys.tax.colour", hex(onEdt(() -> label(tax + "status").getForeground())));
        put("keys.tax.nextShown", String.valueOf(onEdt(() -> find(JLabel.class, tax + "next") != null)));
        put("keys.tokenDetails", text("token." + DemoKeys.TAX_LABEL + ".details"));
        put("keys.tax.notAfter", keys.token(DemoKeys.TAX_LABEL).certificate().getNotAfter().toInstant().toString());
        put("keys.ss.notAfter", keys.token(DemoKeys.SOCIAL_SECURITY_LABEL).certificate().getNotAfter().toInstant().toString());
        put("keys.now", java.time.Instant.now().toString());
        capture("assistant-keys-expired-zh-CN.png");
        click(onEdt(() -> find(JButton.class, ss + "open")));
        waitFor(() -> !text(ss + "opened").isEmpty(), "the open result");
        put("keys.opened", opened.isEmpty() ? "" : opened.get(0).toString());
        put("keys.openedText", text(ss + "opened"));
    }

    void trivialNewPinIsRefused() throws Exception {
        selectTab("changePin");
        selectKey(DemoKeys.TAX_LABEL);
        long before = TestKeys.calls(counts, "C_SetPIN");
        typeInto("pin.old", pin);
        typeInto("pin.new", "123456");
        typeInto("pin.confirm", "123456");
        click(onEdt(() -> find(JButton.class, "pin.change")));
        String code = waitForResult("pin.result");
        put("refused.code", code);
        put("refused.text", text("pin.result"));
        put("refused.setPinCalls", String.valueOf(TestKeys.calls(counts, "C_SetPIN") - before));
        put("refused.fieldsEmpty", String.valueOf(onEdt(() -> find(JPasswordField.class, "pin.old").getDocument().getLength()
                + find(JPasswordField.class, "pin.new").getDocument().getLength())));
        put("refused.rules", text("pin.rules"));
        capture("assistant-change-pin-refused-zh-CN.png");
    }

    void wrongOldPinShowsTheTriesLeft() throws Exception {
        selectTab("changePin");
        selectKey(DemoKeys.TAX_LABEL);
        long before = TestKeys.calls(counts, "C_SetPIN");
        String wrong = pin.equals("97315864") ? "97315865" : "97315864";
        typeInto("pin.old", wrong);
        typeInto("pin.new", "40962817");
        typeInto("pin.confirm", "40962817");
        click(onEdt(() -> find(JButton.class, "pin.change")));
        put("wrongOld.code", waitForResult("pin.result"));
        put("wrongOld.text", text("pin.result"));
        put("wrongOld.setPinCalls", String.valueOf(TestKeys.calls(counts, "C_SetPIN") - before));
        capture("assistant-change-pin-wrong-zh-CN.png");
    }

    void changePinWorksAndTheNewPinLogsIn() throws Exception {
        selectTab("changePin");
        selectKey(DemoKeys.TAX_LABEL);
        String fresh = pin.equals("40962817") ? "40962818" : "40962817";
        typeInto("pin.old", pin);
        typeInto("pin.new", fresh);
        typeInto("pin.confirm", fresh);
        long before = TestKeys.calls(counts, "C_SetPIN");
        click(onEdt(() -> find(JButton.class, "pin.change")));
        put("change.code", waitForResult("pin.result"));
        put("change.text", text("pin.result"));
        put("change.setPinCalls", String.valueOf(TestKeys.calls(counts, "C_SetPIN") - before));
        capture("assistant-change-pin-done-zh-CN.png");
        KeyMaintenance km = new KeyMaintenance(driver);
        TokenCertificate tax = driver.certificate(keys.token(DemoKeys.TAX_LABEL).certificateId());
        put("change.newPinLogsIn", String.valueOf(km.selfTest(tax, r -> fresh.toCharArray()).algorithm()));
        try {
            String old = pin;
            km.selfTest(tax, r -> old.toCharArray());
            put("change.oldPinRefused", "false");
        } catch (org.keybridge.error.KeyBridgeException e) {
            put("change.oldPinRefused", e.code().name());
        }
        pin = fresh;
    }

    void testMyKeyPasses() throws Exception {
        selectTab("testKey");
        selectCertificate(DemoKeys.TAX_LABEL);
        typeInto("test.pin", pin);
        click(onEdt(() -> find(JButton.class, "test.run")));
        put("test.code", waitForResult("test.result"));
        put("test.text", text("test.result"));
        capture("assistant-test-key-ok-zh-CN.png");
    }

    void initialPinMakesTheAssistantAsk() throws Exception {
        selectTab("keys");
        Files.writeString(control, "FLAGS_OR=0x80000\n"); // CKF_USER_PIN_TO_BE_CHANGED: SoftHSM never sets it
        try {
            onEdt(() -> window.refresh()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            JDialog prompt = waitForDialog(AssistantWindow.PROMPT);
            put("toBeChanged.prompt", promptText(prompt));
            put("toBeChanged.banner", text("token." + DemoKeys.TAX_LABEL + ".pinToBeChanged"));
            captureWindow(prompt, "assistant-initial-pin-prompt-zh-CN.png");
            clickUntil(onEdt(() -> SwingDialogScenarios.find(prompt, JButton.class, "prompt.yes")),
                    () -> onEdt(() -> !prompt.isDisplayable()), "the prompt to close");
            put("toBeChanged.tab", onEdt(() -> AssistantWindow.TABS.get(tabs().getSelectedIndex())));
            put("toBeChanged.key", onEdt(() -> ((Token) find(JComboBox.class, "pin.key").getSelectedItem()).label()));
            // both demo keys carry the flag now: the other key's prompt comes with the next listing, then no more
            onEdt(() -> window.refresh()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            JDialog second = waitForDialog(AssistantWindow.PROMPT);
            put("toBeChanged.second", promptText(second));
            clickUntil(onEdt(() -> SwingDialogScenarios.find(second, JButton.class, "prompt.later")),
                    () -> onEdt(() -> !second.isDisplayable()), "the second prompt to close");
            onEdt(() -> window.refresh()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            robot.waitForIdle();
            Thread.sleep(300);
            put("toBeChanged.askedAgain", String.valueOf(onEdt(() -> dialog(AssistantWindow.PROMPT) != null)));
        } finally {
            Files.deleteIfExists(control);
            SwingUtilities.invokeAndWait(() -> { // never leave a prompt over the window for the next scenario
                for (Window w : Window.getWindows()) if (AssistantWindow.PROMPT.equals(w.getName())) w.dispose();
            });
        }
        onEdt(() -> window.refresh()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    void portals() throws Exception {
        selectTab("portals");
        put("portals.signature", text("portals.signature"));
        put("portals.version", text("portals.version"));
        put("portals.rows", onEdt(() -> String.valueOf(find(javax.swing.JTable.class, "portals.table").getRowCount())));
        put("portals.name", onEdt(() -> String.valueOf(find(javax.swing.JTable.class, "portals.table").getValueAt(0, 0))));
        put("portals.address", onEdt(() -> String.valueOf(find(javax.swing.JTable.class, "portals.table").getValueAt(0, 1))));
        update(portalList("portals-6-tampered.json", 6, true));
        put("portals.tamperedCode", waitForResult("portals.result"));
        put("portals.tamperedText", text("portals.result"));
        put("portals.versionAfterTampered", text("portals.version"));
        captureWindow(window.frame(), "assistant-portals-tampered-zh-CN.png");
        update(portalList("portals-4.json", 4, false));
        put("portals.olderCode", waitForResult("portals.result"));
        update(portalList("portals-7.json", 7, false));
        put("portals.newerCode", waitForResult("portals.result"));
        put("portals.newerText", text("portals.result"));
        put("portals.versionAfterNewer", text("portals.version"));
    }

    private void update(Path file) throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            find(JTextField.class, "portals.file").setText(file.toString());
            Ui.result(find(JLabel.class, "portals.result"), "", null, null, 0);
        });
        click(onEdt(() -> find(JButton.class, "portals.update")));
    }

    /** A portal list signed with the test release key; {@code tamper}: one origin changed after signing. */
    private Path portalList(String name, long sequence, boolean tamper) throws Exception {
        String json = """
                {"document": "portals", "schemaVersion": 1, "sequence": %d, "published": "2026-11-27", "portals": [
                  {"id": "shebao.online-hall", "names": {"zh-CN": "社保网上服务大厅", "en": "Social security online service hall",
                   "es": "Oficina virtual de la seguridad social"},
                   "origins": ["%s"], "allowedOperations": ["authenticate", "bind-certificate"],
                   "trustedIssuers": ["demo.tax-ca"], "verified": true, "sources": ["DEMO"]}]}
                """.formatted(sequence, PORTAL);
        Path f = work.resolve(name);
        Files.writeString(f, json);
        signer.signFile(f);
        if (tamper) Files.writeString(f, json.replace(PORTAL, "https://si.example.gov.cn.evil.example"));
        return f;
    }

    void driversCopyTheBundle() throws Exception {
        selectTab("drivers");
        waitFor(() -> text("drivers.finding.0") != null, "the doctor's findings");
        put("drivers.module", onEdt(() -> String.valueOf(find(javax.swing.JTable.class, "drivers.table").getValueAt(0, 0))));
        put("drivers.version", onEdt(() -> String.valueOf(find(javax.swing.JTable.class, "drivers.table").getValueAt(0, 2))));
        put("drivers.state", onEdt(() -> String.valueOf(find(javax.swing.JTable.class, "drivers.table").getValueAt(0, 3))));
        List<String> findings = new ArrayList<>();
        for (int i = 0; text("drivers.finding." + i) != null; i++) findings.add(text("drivers.finding." + i));
        put("drivers.findings", String.join("\n", findings));
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            int n = i;
            colours.add(hex(onEdt(() -> label("drivers.finding." + n).getForeground())));
        }
        put("drivers.findingColours", String.join(" ", colours));
        put("drivers.installed", text("drivers.installed"));
        click(onEdt(() -> find(JButton.class, "drivers.copy")));
        put("drivers.code", waitForResult("drivers.result"));
        put("drivers.text", text("drivers.result"));
        Object[] clip = onEdt(() -> {
            try {
                var c = Toolkit.getDefaultToolkit().getSystemClipboard();
                return new Object[] {c.getData(DataFlavor.stringFlavor), c.getData(DataFlavor.javaFileListFlavor)};
            } catch (Exception e) {
                return new Object[] {"<" + e + ">", null};
            }
        });
        put("drivers.clipboard", String.valueOf(clip[0]));
        put("drivers.clipboardFiles", String.valueOf(clip[1]));
        Path zip = Path.of(String.valueOf(clip[0]));
        StringBuilder all = new StringBuilder();
        if (Files.isRegularFile(zip)) {
            try (var z = new java.util.zip.ZipFile(zip.toFile())) {
                for (var e : java.util.Collections.list(z.entries())) {
                    all.append(e.getName()).append('\n').append(new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        put("drivers.bundleEntries", String.valueOf(all.length()));
        put("drivers.bundleHasPin", String.valueOf(all.toString().contains(pin)
                || all.toString().contains(keys.token(DemoKeys.SOCIAL_SECURITY_LABEL).userPin())));
        put("drivers.bundleHasUscc", String.valueOf(all.toString().contains(keys.enterprise().uscc())));
        capture("assistant-drivers-bundle-zh-CN.png");
    }

    void remindersWithoutATrayGoToTheWindow() throws Exception {
        selectTab("keys");
        ReminderService r = new ReminderService(driver::tokens, new ExpiryReminders(work.resolve("reminders.properties"),
                Clock.systemDefaultZone()), () -> (title, text, level) -> SwingUtilities.invokeLater(() -> window.notify(title, text, level)),
                () -> ZH);
        put("notice.sent", String.valueOf(r.check()));
        put("notice.sentAgain", String.valueOf(r.check()));
        robot.waitForIdle();
        put("notice.text", text("notice"));
        capture("assistant-reminder-zh-CN.png");
        onEdt(() -> {
            window.notify("", "", Notifier.Level.INFO);
            return null;
        });
    }

    /** Every tab in one language, chosen in the window's language list; each with something shown in it. */
    void screens(Locale l) throws Exception {
        String tag = l.toLanguageTag();
        SwingUtilities.invokeAndWait(() -> {
            @SuppressWarnings("unchecked")
            JComboBox<Locale> c = find(JComboBox.class, "language");
            c.setSelectedItem(l);
        });
        waitFor(() -> onEdt(() -> window.locale().equals(l) && window.frame().getTitle().equals(new AssistantTexts(l).get("title"))),
                "the language switch");
        robot.waitForIdle();
        put("shots." + tag + ".title", onEdt(() -> window.frame().getTitle()));
        put("shots." + tag + ".tab0", onEdt(() -> tabs().getTitleAt(0)));
        put("shots." + tag + ".taxStatus", text("cert." + DemoKeys.TAX_LABEL + ".0.status"));
        put("shots." + tag + ".ssNext", text("cert." + DemoKeys.SOCIAL_SECURITY_LABEL + ".0.next"));
        put("shots." + tag + ".canDisplay", String.valueOf(onEdt(() -> {
            for (JLabel lb : SwingDialogScenarios.all(window.frame().getContentPane(), JLabel.class)) {
                String s = (String) lb.getClientProperty(Ui.TEXT);
                if (s != null && lb.getFont().canDisplayUpTo(s) != -1) return false;
            }
            return true;
        })));
        for (String tab : AssistantWindow.TABS) {
            selectTab(tab);
            if (tab.equals("changePin")) {
                selectKey(DemoKeys.TAX_LABEL);
                typeInto("pin.old", pin);
                typeInto("pin.new", "123456");
                typeInto("pin.confirm", "123456");
                click(onEdt(() -> find(JButton.class, "pin.change")));
                put("shots." + tag + ".refused", waitForResult("pin.result"));
            } else if (tab.equals("testKey")) {
                selectCertificate(DemoKeys.TAX_LABEL);
                typeInto("test.pin", pin);
                click(onEdt(() -> find(JButton.class, "test.run")));
                put("shots." + tag + ".test", waitForResult("test.result"));
            } else if (tab.equals("drivers")) {
                waitFor(() -> text("drivers.finding.0") != null, "the doctor's findings in " + tag);
            }
            capture("assistant-" + tab + "-" + tag + ".png");
        }
        selectTab("keys");
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    private String promptText(JDialog d) throws Exception {
        return onEdt(() -> (String) SwingDialogScenarios.find(d, JLabel.class, "prompt.text").getClientProperty(Ui.TEXT));
    }

    private JTabbedPane tabs() { return find(JTabbedPane.class, "tabs"); }

    private <T extends Component> T find(Class<T> type, String name) {
        return SwingDialogScenarios.findOrNull(window.frame().getContentPane(), type, name);
    }

    private JLabel label(String name) {
        JLabel l = find(JLabel.class, name);
        if (l == null) throw new AssertionError("no label " + name);
        return l;
    }

    private String text(String name) throws Exception {
        return onEdt(() -> {
            JLabel l = find(JLabel.class, name);
            return l == null ? null : (String) l.getClientProperty(Ui.TEXT);
        });
    }

    /** Clicks the tab's title on screen, as a user would. */
    private void selectTab(String tab) throws Exception {
        int i = AssistantWindow.TABS.indexOf(tab);
        Point p = onEdt(() -> {
            Rectangle r = tabs().getBoundsAt(i);
            Point s = tabs().getLocationOnScreen();
            return new Point(s.x + r.x + r.width / 2, s.y + r.y + r.height / 2);
        });
        clickAt(p);
        waitFor(() -> onEdt(() -> tabs().getSelectedIndex() == i), "tab " + tab);
        robot.waitForIdle();
    }

    private void selectKey(String label) throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            @SuppressWarnings("unchecked")
            JComboBox<Token> c = find(JComboBox.class, "pin.key");
            for (int i = 0; i < c.getItemCount(); i++) if (c.getItemAt(i).label().equals(label)) c.setSelectedIndex(i);
        });
    }

    private void selectCertificate(String tokenLabel) throws Exception {
        String id = keys.token(tokenLabel).certificateId();
        SwingUtilities.invokeAndWait(() -> {
            @SuppressWarnings("unchecked")
            JComboBox<TokenCertificate> c = find(JComboBox.class, "test.certificate");
            for (int i = 0; i < c.getItemCount(); i++) if (c.getItemAt(i).id().equals(id)) c.setSelectedIndex(i);
        });
    }

    /** Clicks into the field and types digits into the X server. */
    private void typeInto(String field, String digits) throws Exception {
        JTextField f = onEdt(() -> find(JTextField.class, field));
        if (f == null) throw new AssertionError("no field " + field);
        clickUntil(f, () -> onEdt(f::isFocusOwner), "focus in " + field);
        for (char c : digits.toCharArray()) {
            if (c < '0' || c > '9') throw new IllegalArgumentException("digits only");
            robot.keyPress(KeyEvent.VK_0 + (c - '0'));
            robot.keyRelease(KeyEvent.VK_0 + (c - '0'));
        }
        robot.waitForIdle();
        waitFor(() -> onEdt(() -> f.getDocument().getLength() == digits.length()), "typed into " + field);
    }

    /** Clicks, and clicks again (as a person would) when nothing happened within a few seconds on a busy machine. */
    private void clickUntil(Component c, Check done, String what) throws Exception {
        for (int attempt = 1; ; attempt++) {
            // no window manager under Xvfb: a dialog shown while another closes can end up below the main window,
            // and the robot's click then lands on whatever is on top
            onEdt(() -> {
                Window w = c == null ? null : SwingUtilities.getWindowAncestor(c);
                if (w != null) w.toFront();
                return null;
            });
            robot.waitForIdle();
            click(c);
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) {
                if (done.ok()) return;
                Thread.sleep(40);
            }
            if (attempt == 4) throw new AssertionError("timed out waiting for " + what + " after " + attempt + " clicks");
            System.err.println("clicking again for " + what);
        }
    }

    private void click(Component c) throws Exception {
        if (c == null) throw new AssertionError("nothing to click");
        clickAt(onEdt(() -> {
            Point s = c.getLocationOnScreen();
            return new Point(s.x + c.getWidth() / 2, s.y + c.getHeight() / 2);
        }));
    }

    private void clickAt(Point p) {
        robot.mouseMove(p.x, p.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    /** The result label's code once the operation has finished. */
    private String waitForResult(String label) throws Exception {
        AtomicReference<String> code = new AtomicReference<>();
        waitFor(() -> {
            String c = onEdt(() -> (String) label(label).getClientProperty(Ui.CODE));
            code.set(c);
            return c != null && !c.equals("WORKING");
        }, "a result in " + label);
        robot.waitForIdle();
        return code.get();
    }

    interface Check { boolean ok() throws Exception; }

    private static void waitFor(Check c, String what) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(40);
        }
    }

    private JDialog dialog(String name) {
        for (Window w : Window.getWindows()) if (w instanceof JDialog d && name.equals(d.getName()) && d.isShowing()) return d;
        return null;
    }

    private JDialog waitForDialog(String name) throws Exception {
        AtomicReference<JDialog> d = new AtomicReference<>();
        waitFor(() -> {
            d.set(onEdt(() -> dialog(name)));
            return d.get() != null;
        }, "dialog " + name);
        robot.waitForIdle();
        return d.get();
    }

    private void capture(String file) throws Exception { captureWindow(window.frame(), file); }

    private void captureWindow(Window w, String file) throws Exception {
        robot.waitForIdle();
        Thread.sleep(250);
        robot.waitForIdle();
        Rectangle r = onEdt(w::getBounds);
        BufferedImage img = robot.createScreenCapture(r);
        ImageIO.write(img, "png", shots.resolve(file).toFile());
        put("png." + file, r.width + "x" + r.height);
    }

    private static String hex(Color c) { return String.format("#%06x", c.getRGB() & 0xffffff); }

    private static <T> T onEdt(Supplier<T> s) throws Exception {
        if (SwingUtilities.isEventDispatchThread()) return s.get();
        AtomicReference<T> r = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> r.set(s.get()));
        return r.get();
    }
}
