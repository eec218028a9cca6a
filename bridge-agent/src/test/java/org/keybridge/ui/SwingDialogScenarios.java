package org.keybridge.ui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import org.keybridge.core.AgentCore;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.OriginPolicy;
import org.keybridge.core.PinDialog;
import org.keybridge.core.Purpose;
import org.keybridge.core.RequestContext;
import org.keybridge.core.Results;
import org.keybridge.demo.DemoKeys;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.PinFlag;
import org.keybridge.token.PinState;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;

/**
 * Runs in a child JVM started by {@link SwingDialogXvfbTest} with DISPLAY set to its own Xvfb: opens the real dialogs,
 * drives them with {@link Robot} (keys typed into the X server, as a user would), takes screenshots and writes what
 * happened to a properties file, which the test asserts on. Arguments: results file, screenshot directory.
 */
public final class SwingDialogScenarios {
    static final String ORIGIN = "https://si.example.gov.cn";
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE, EN = Locale.ENGLISH, ES = new Locale("es");
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Properties results = new Properties();
    private final Path shots;
    private final Robot robot;
    private final DemoKeys.DemoKeySet keys;
    private final TokenDriver driver;
    private final TokenCertificate tax, socialSecurity;

    private SwingDialogScenarios(Path shots) throws Exception {
        this.shots = shots;
        new SwingInteraction(); // as in the agent: its settings are in place before the toolkit starts
        robot = new Robot();
        robot.setAutoDelay(15);
        keys = TestKeys.shared();
        driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults());
        tax = certificate(DemoKeys.TAX_LABEL);
        socialSecurity = certificate(DemoKeys.SOCIAL_SECURITY_LABEL);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path shots = Path.of(args[1]);
        Files.createDirectories(shots);
        SwingDialogScenarios s = new SwingDialogScenarios(shots);
        try {
            s.run("typed", s::typedPinIsReturned);
            s.run("login", s::loginThroughTheCoreWithTheTypedPin);
            s.run("escape", s::escapeCancels);
            s.run("close", s::closingTheWindowCancels);
            s.run("timeout", s::timeoutCancels);
            s.run("finalTry", s::finalTryWarns);
            s.run("countLow", s::countLowWarns);
            s.run("bind", s::bindSaysBind);
            s.run("edt", s::callableFromTheEdt);
            for (Locale l : List.of(ZH, EN, ES)) s.run("shot." + l.toLanguageTag(), () -> s.screenshot(l));
            s.run("choose", s::chooseByKeyboard);
            s.run("chooseCancel", s::chooseCancelled);
        } finally {
            s.driver.close();
            try (OutputStream o = Files.newOutputStream(out)) {
                s.results.store(new java.io.OutputStreamWriter(o, java.nio.charset.StandardCharsets.UTF_8), null);
            }
        }
        System.exit(0); // the AWT threads would keep the JVM alive
    }

    interface Scenario { void run() throws Exception; }

    private long scenarioStart;
    private String scenario;

    /** A step's time into its scenario, in the child's log (to see where a slow run spends it). */
    private void trace(String step) {
        System.err.printf("[%s +%d ms] %s%n", scenario, (System.nanoTime() - scenarioStart) / 1_000_000, step);
    }

    private void run(String name, Scenario s) {
        long start = System.nanoTime();
        scenarioStart = start;
        scenario = name;
        try {
            s.run();
            put(name + ".ok", "true");
        } catch (Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            put(name + ".error", w.toString());
            System.err.println("scenario " + name + " failed: " + w);
        } finally {
            closeAll();
            put(name + ".millis", String.valueOf((System.nanoTime() - start) / 1_000_000));
        }
    }

    private void put(String key, String value) { results.setProperty(key, value); }

    // ----- scenarios -----------------------------------------------------------------------------------------------

    void typedPinIsReturned() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(ZH, Purpose.LOGIN, tax, Set.of())));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("typed.headlineHtml", onEdt(() -> find(d, JLabel.class, "headline").getText()));
        put("typed.alwaysOnTop", String.valueOf(onEdt(d::isAlwaysOnTop)));
        put("typed.modal", String.valueOf(onEdt(d::isModal)));
        put("typed.centerDx", String.valueOf(onEdt(() -> centerOffset(d).x)));
        put("typed.centerDy", String.valueOf(onEdt(() -> centerOffset(d).y)));
        put("typed.okEnabledBefore", String.valueOf(onEdt(() -> find(d, JButton.class, "ok").isEnabled())));
        focusPin(d);
        type("2468a13579");
        put("typed.okEnabledAfter", String.valueOf(onEdt(() -> find(d, JButton.class, "ok").isEnabled())));
        key(KeyEvent.VK_ENTER);
        char[] answer = pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        put("typed.answer", answer == null ? "<null>" : new String(answer));
        put("typed.fieldLengthAfter", String.valueOf(onEdt(() -> find(d, JPasswordField.class, "pin").getDocument().getLength())));
        put("typed.displayable", String.valueOf(onEdt(d::isDisplayable)));
    }

    void loginThroughTheCoreWithTheTypedPin() throws Exception {
        List<PinDialog> seen = new ArrayList<>();
        SwingInteraction swing = new SwingInteraction();
        org.keybridge.core.UserInteraction spy = new org.keybridge.core.UserInteraction() {
            @Override public Optional<String> chooseCertificate(CertificateChoice c) { return swing.chooseCertificate(c); }

            @Override public char[] askPin(PinDialog d) {
                seen.add(d);
                return swing.askPin(d);
            }
        };
        AgentCore core = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), spy, "test");
        String nonce = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'q');
        CompletableFuture<AuthToken> token = async(() ->
                core.authenticate(new RequestContext(ORIGIN, "test"), new Results.AuthenticateRequest(nonce, null, "zh-CN")));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("login.headline", text(d, "headline"));
        focusPin(d);
        type(keys.token(DemoKeys.TAX_LABEL).userPin());
        key(KeyEvent.VK_ENTER);
        AuthToken t = token.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(tax.certificate().getPublicKey());
        v.update(AuthTokenFormat.signedData(SignatureAlgorithm.ES256, ORIGIN, nonce));
        put("login.algorithm", t.algorithm());
        put("login.verified", String.valueOf(v.verify(Base64.getDecoder().decode(t.signature()))));
        put("login.dialogs", String.valueOf(seen.size()));
        put("login.tokenLabel", seen.isEmpty() ? "" : seen.get(0).tokenLabel());
    }

    void escapeCancels() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(EN, Purpose.LOGIN, tax, Set.of())));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        focusPin(d);
        type("1234");
        key(KeyEvent.VK_ESCAPE);
        char[] answer = pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        put("escape.answer", answer == null ? "<null>" : new String(answer));
        put("escape.fieldLengthAfter", String.valueOf(onEdt(() -> find(d, JPasswordField.class, "pin").getDocument().getLength())));
    }

    void closingTheWindowCancels() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(EN, Purpose.LOGIN, tax, Set.of())));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        focusPin(d);
        type("99");
        SwingUtilities.invokeLater(() -> d.dispatchEvent(new WindowEvent(d, WindowEvent.WINDOW_CLOSING)));
        char[] answer = pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        put("close.answer", answer == null ? "<null>" : new String(answer));
    }

    void timeoutCancels() throws Exception {
        SwingInteraction ui = new SwingInteraction(Duration.ofMillis(1500));
        long start = System.nanoTime();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(ES, Purpose.LOGIN, tax, Set.of())));
        waitForDialog(SwingInteraction.PIN_DIALOG);
        char[] answer = pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        put("timeout.answer", answer == null ? "<null>" : new String(answer));
        put("timeout.millis", String.valueOf((System.nanoTime() - start) / 1_000_000));
    }

    void finalTryWarns() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(ZH, Purpose.LOGIN, tax, Set.of(PinFlag.FINAL_TRY, PinFlag.COUNT_LOW))));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("finalTry.warning", text(d, "warning"));
        capture(d, "pin-dialog-final-try-zh-CN.png");
        key(KeyEvent.VK_ESCAPE);
        pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<char[]> none = async(() -> ui.askPin(dialog(ZH, Purpose.LOGIN, tax, Set.of())));
        JDialog plain = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("finalTry.warningWithoutFlags", String.valueOf(onEdt(() -> findOrNull(plain, JLabel.class, "warning") != null)));
        key(KeyEvent.VK_ESCAPE);
        none.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void countLowWarns() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(EN, Purpose.LOGIN, tax, Set.of(PinFlag.COUNT_LOW))));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("countLow.warning", text(d, "warning"));
        key(KeyEvent.VK_ESCAPE);
        pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void bindSaysBind() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(ES, Purpose.BIND, tax, Set.of())));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("bind.headline", text(d, "headline"));
        put("bind.title", onEdt(d::getTitle));
        capture(d, "pin-dialog-bind-es.png");
        key(KeyEvent.VK_ESCAPE);
        pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void callableFromTheEdt() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> pin.complete(ui.askPin(dialog(EN, Purpose.LOGIN, tax, Set.of()))));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        focusPin(d);
        type("7531");
        key(KeyEvent.VK_ENTER);
        char[] answer = pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        put("edt.answer", answer == null ? "<null>" : new String(answer));
    }

    void screenshot(Locale l) throws Exception {
        String tag = l.toLanguageTag();
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<char[]> pin = async(() -> ui.askPin(dialog(l, Purpose.LOGIN, tax, Set.of())));
        JDialog d = waitForDialog(SwingInteraction.PIN_DIALOG);
        put("shot." + tag + ".headline", text(d, "headline"));
        put("shot." + tag + ".status", text(d, "status"));
        put("shot." + tag + ".holder", text(d, "holder"));
        put("shot." + tag + ".canDisplay", String.valueOf(onEdt(() -> {
            for (JLabel lb : all(d, JLabel.class)) {
                String s = (String) lb.getClientProperty(SwingInteraction.TEXT);
                if (s != null && lb.getFont().canDisplayUpTo(s) != -1) return false;
            }
            return true;
        })));
        focusPin(d);
        type("123456");
        capture(d, "pin-dialog-" + tag + ".png");
        key(KeyEvent.VK_ESCAPE);
        pin.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void chooseByKeyboard() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        List<TokenCertificate> both = List.of(tax, socialSecurity);
        CompletableFuture<Optional<String>> pick = async(() -> ui.chooseCertificate(new CertificateChoice(ORIGIN, Purpose.BIND, both, ZH)));
        JDialog d = waitForDialog(SwingInteraction.CHOICE_DIALOG);
        put("choose.headline", text(d, "headline"));
        robot.waitForIdle();
        key(KeyEvent.VK_DOWN);
        capture(d, "choose-certificate-zh-CN.png");
        key(KeyEvent.VK_ENTER);
        Optional<String> id = pick.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        put("choose.answer", id.orElse("<empty>"));
        put("choose.expected", socialSecurity.id());
    }

    void chooseCancelled() throws Exception {
        SwingInteraction ui = new SwingInteraction();
        CompletableFuture<Optional<String>> pick = async(() -> ui.chooseCertificate(new CertificateChoice(ORIGIN, Purpose.LOGIN, List.of(tax, socialSecurity), EN)));
        waitForDialog(SwingInteraction.CHOICE_DIALOG);
        robot.waitForIdle();
        key(KeyEvent.VK_ESCAPE);
        put("chooseCancel.answer", pick.get(WAIT.toSeconds(), TimeUnit.SECONDS).orElse("<empty>"));
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    private PinDialog dialog(Locale l, Purpose p, TokenCertificate c, Set<PinFlag> flags) {
        return new PinDialog(ORIGIN, p, c, c.tokenLabel(), new PinState(flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags)), l);
    }

    private TokenCertificate certificate(String tokenLabel) {
        return driver.certificates().stream().filter(c -> c.tokenLabel().equals(tokenLabel)).findFirst().orElseThrow();
    }

    private static <T> CompletableFuture<T> async(Supplier<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "asker");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The showing dialog with that name, once it is on screen and laid out. */
    private JDialog waitForDialog(String name) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            JDialog d = onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof JDialog j && name.equals(j.getName()) && j.isShowing()) return j;
                }
                return null;
            });
            if (d != null) {
                trace("dialog " + name + " showing");
                robot.waitForIdle();
                trace("idle");
                return d;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no dialog " + name + " on screen");
    }

    /** The PIN field has the keyboard focus (clicked into when the window manager-less server did not give it). */
    private void focusPin(JDialog d) throws Exception {
        JPasswordField f = onEdt(() -> find(d, JPasswordField.class, "pin"));
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean clicked = false;
        while (!onEdt(f::isFocusOwner)) {
            if (System.nanoTime() > end) throw new AssertionError("the PIN field never got the focus");
            if (!clicked && System.nanoTime() > end - Duration.ofSeconds(3).toNanos()) {
                Point p = onEdt(() -> {
                    Point s = f.getLocationOnScreen();
                    return new Point(s.x + f.getWidth() / 2, s.y + f.getHeight() / 2);
                });
                robot.mouseMove(p.x, p.y);
                robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                clicked = true;
                put("focus.clicked", "true");
            }
            Thread.sleep(50);
        }
        trace("focus in the PIN field");
        robot.waitForIdle();
        trace("idle");
    }

    /** Types digits and lower-case letters as key presses on the X server. */
    private void type(String s) {
        for (char c : s.toCharArray()) {
            int code;
            if (c >= '0' && c <= '9') code = KeyEvent.VK_0 + (c - '0');
            else if (c >= 'a' && c <= 'z') code = KeyEvent.VK_A + (c - 'a');
            else throw new IllegalArgumentException("cannot type " + c);
            key(code);
        }
        trace("typed " + s.length() + " keys");
        robot.waitForIdle();
    }

    private void key(int code) {
        robot.keyPress(code);
        robot.keyRelease(code);
        robot.waitForIdle();
        if (code == KeyEvent.VK_ENTER || code == KeyEvent.VK_ESCAPE) trace(KeyEvent.getKeyText(code) + " pressed");
    }

    private void capture(JDialog d, String file) throws Exception {
        robot.waitForIdle();
        Thread.sleep(300);
        robot.waitForIdle();
        Rectangle r = onEdt(d::getBounds);
        BufferedImage img = robot.createScreenCapture(r);
        ImageIO.write(img, "png", shots.resolve(file).toFile());
        put("png." + file, r.width + "x" + r.height);
    }

    private static Point centerOffset(JDialog d) {
        Rectangle screen = d.getGraphicsConfiguration().getBounds();
        return new Point(d.getX() + d.getWidth() / 2 - (screen.x + screen.width / 2),
                d.getY() + d.getHeight() / 2 - (screen.y + screen.height / 2));
    }

    private String text(JDialog d, String name) throws Exception {
        return onEdt(() -> (String) find(d, JLabel.class, name).getClientProperty(SwingInteraction.TEXT));
    }

    public static <T extends Component> T find(Container root, Class<T> type, String name) {
        T c = findOrNull(root, type, name);
        if (c == null) throw new AssertionError("no " + type.getSimpleName() + " named " + name);
        return c;
    }

    public static <T extends Component> T findOrNull(Container root, Class<T> type, String name) {
        for (T c : all(root, type)) if (name.equals(c.getName())) return c;
        return null;
    }

    public static <T extends Component> List<T> all(Container root, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Component c : root.getComponents()) {
            if (type.isInstance(c)) found.add(type.cast(c));
            if (c instanceof Container k) found.addAll(all(k, type));
        }
        return found;
    }

    private static <T> T onEdt(Supplier<T> s) throws Exception {
        if (SwingUtilities.isEventDispatchThread()) return s.get();
        AtomicReference<T> r = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> r.set(s.get()));
        return r.get();
    }

    /** After a scenario: no dialog left open for the next one. */
    private void closeAll() {
        try {
            SwingUtilities.invokeAndWait(() -> {
                for (Window w : Window.getWindows()) {
                    if (w.isShowing()) w.dispatchEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSING));
                }
            });
            robot.waitForIdle();
        } catch (Exception e) {
            System.err.println("closeAll: " + e);
        }
    }
}
