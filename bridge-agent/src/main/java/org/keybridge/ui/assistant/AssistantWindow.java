package org.keybridge.ui.assistant;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import org.keybridge.token.PinFlag;
import org.keybridge.token.Token;

/**
 * The assistant window: My keys, Change PIN, Test my key, Portals, Drivers, in zh-CN, en or es (switchable; the
 * system's language first). Keys are listed on a worker thread every few seconds and on demand; a key whose token says
 * its PIN must be changed (CKF_USER_PIN_TO_BE_CHANGED) makes the window ask, once per key, to change it now. Build,
 * show and use it on the event thread.
 */
public final class AssistantWindow implements Notifier {
    public static final String NAME = "keybridge.assistant", PROMPT = "keybridge.changePinPrompt";
    public static final List<String> TABS = List.of("keys", "changePin", "testKey", "portals", "drivers");

    private final AssistantServices services;
    private final Background background = new Background();
    private final JFrame frame = new JFrame();
    private final Set<String> prompted = new HashSet<>();
    private boolean promptOpen;
    private final Timer poll;
    private AssistantTexts t;
    private Snapshot last = Snapshot.EMPTY;
    private JTabbedPane tabs;
    private KeysPanel keys;
    private ChangePinPanel changePin;
    private TestKeyPanel testKey;
    private DriversPanel drivers;
    private final JLabel notice = Ui.label("notice", "");

    /** {@code pollMillis}: how often the keys are listed again while the window is open (0: only on demand). */
    public AssistantWindow(AssistantServices services, Locale locale, int pollMillis) {
        this.services = services;
        frame.setName(NAME);
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.setIconImage(AssistantLook.icon(64));
        frame.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override public void windowClosed(java.awt.event.WindowEvent e) { close(); }
        });
        poll = new Timer(Math.max(1, pollMillis), e -> refresh());
        poll.setRepeats(pollMillis > 0);
        build(new AssistantTexts(locale), 0);
    }

    public JFrame frame() { return frame; }

    public Locale locale() { return t.locale(); }

    /** Shows the window centered on the screen and lists the keys. */
    public CompletableFuture<Void> open() {
        Dimension size = new Dimension(880, 720);
        Rectangle area = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        frame.setBounds(area.x + Math.max(0, (area.width - size.width) / 2), area.y + Math.max(0, (area.height - size.height) / 2),
                size.width, size.height);
        frame.setVisible(true);
        if (poll.isRepeats()) poll.start();
        return refresh();
    }

    /** Lists the keys and modules again (on the worker) and shows them; completes once shown. */
    public CompletableFuture<Void> refresh() {
        return background.run(() -> new Snapshot(services.tokens().get(), services.modules().get(), services.clock().instant(), null),
                this::show, e -> show(new Snapshot(List.of(), services.modules().get(), services.clock().instant(),
                        e instanceof org.keybridge.error.KeyBridgeException k ? t.error(k) : String.valueOf(e.getMessage()))));
    }

    /** Switches the language: every text is rebuilt, the tab and the data stay. */
    public void setLanguage(Locale l) {
        if (org.keybridge.error.KeyBridgeException.supported(l).equals(t.locale())) return;
        build(new AssistantTexts(l), tabs.getSelectedIndex());
        show(last);
    }

    /** Selects a tab by its name in {@link #TABS}. */
    public void select(String tab) { tabs.setSelectedIndex(TABS.indexOf(tab)); }

    @Override
    public void notify(String title, String text, Level level) {
        Ui.result(notice, text, level == Level.INFO ? CertificateView.GREEN : level == Level.WARNING ? CertificateView.ORANGE
                : CertificateView.RED, level.name(), 760);
    }

    private void build(AssistantTexts texts, int tab) {
        t = texts;
        frame.setTitle(t.get("title"));
        frame.setLocale(t.locale());
        JPanel root = new JPanel(new BorderLayout());
        root.add(header(), BorderLayout.NORTH);
        tabs = new JTabbedPane();
        tabs.setName("tabs");
        keys = new KeysPanel(t, services, this::changePinOf);
        changePin = new ChangePinPanel(t, services, background, this::refresh);
        testKey = new TestKeyPanel(t, services, background, this::refresh);
        drivers = new DriversPanel(t, services, background);
        PortalsPanel portals = new PortalsPanel(t, services, background);
        tabs.addTab(t.get("tab.keys"), keys.component());
        tabs.addTab(t.get("tab.changePin"), changePin.component());
        tabs.addTab(t.get("tab.testKey"), testKey.component());
        tabs.addTab(t.get("tab.portals"), portals.component());
        tabs.addTab(t.get("tab.drivers"), drivers.component());
        tabs.setSelectedIndex(tab);
        DriversPanel d = drivers;
        tabs.addChangeListener(e -> { if (tabs.getSelectedComponent() == d.component()) d.diagnose(); });
        if (tabs.getSelectedComponent() == d.component()) SwingUtilities.invokeLater(d::diagnose);
        root.add(tabs, BorderLayout.CENTER);
        JPanel foot = new JPanel(new BorderLayout());
        foot.setBorder(BorderFactory.createEmptyBorder(4, 14, 8, 14));
        Ui.set(notice, String.valueOf(notice.getClientProperty(Ui.TEXT) == null ? "" : notice.getClientProperty(Ui.TEXT)), 760);
        foot.add(notice, BorderLayout.CENTER);
        root.add(foot, BorderLayout.SOUTH);
        frame.setContentPane(root);
        frame.revalidate();
        frame.repaint();
    }

    private JPanel header() {
        JPanel h = new JPanel(new BorderLayout());
        h.setBackground(new Color(0x0b57d0));
        h.setBorder(BorderFactory.createEmptyBorder(10, 16, 10, 16));
        JLabel title = Ui.bold(Ui.label("title", t.get("title")), 18f);
        title.setForeground(Color.WHITE);
        title.setIcon(new javax.swing.ImageIcon(AssistantLook.icon(28)));
        title.setIconTextGap(10);
        h.add(title, BorderLayout.WEST);
        JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
        right.setOpaque(false);
        JLabel lang = Ui.label("language.label", t.get("language"));
        lang.setForeground(Color.WHITE);
        JComboBox<Locale> languages = new JComboBox<>(AssistantTexts.LANGUAGES.toArray(new Locale[0]));
        languages.setName("language");
        languages.setRenderer(Ui.renderer(Locale.class, AssistantTexts::languageName));
        languages.setSelectedItem(t.locale());
        languages.addActionListener(e -> SwingUtilities.invokeLater(() -> setLanguage((Locale) languages.getSelectedItem())));
        lang.setLabelFor(languages);
        JButton refresh = Ui.button("refresh", t.get("refresh"));
        refresh.addActionListener(e -> refresh());
        right.add(lang);
        right.add(languages);
        right.add(refresh);
        h.add(right, BorderLayout.EAST);
        return h;
    }

    private void show(Snapshot s) {
        last = s;
        keys.show(s);
        changePin.show(s);
        testKey.show(s);
        drivers.show(s);
        for (Token k : s.tokens()) { // one prompt at a time: the next key's comes with a later listing
            if (promptOpen) break;
            if (k.pinState().flags().contains(PinFlag.TO_BE_CHANGED) && prompted.add(k.module() + "/" + k.serialNumber())) {
                askToChangePin(k);
            }
        }
    }

    private void changePinOf(Token k) {
        select("changePin");
        changePin.select(k);
    }

    /** "The key X still has its initial PIN. Change it now?" — not modal, so the window stays usable. */
    private void askToChangePin(Token k) {
        JDialog d = new JDialog(frame, t.get("pin.prompt.title"), false);
        d.setName(PROMPT);
        JPanel p = new JPanel(new BorderLayout(0, 14));
        p.setBorder(BorderFactory.createEmptyBorder(18, 20, 14, 20));
        JLabel text = Ui.label("prompt.text", t.get("pin.prompt.text", k.label()), 360);
        text.setIcon(javax.swing.UIManager.getIcon("OptionPane.warningIcon"));
        text.setIconTextGap(12);
        p.add(text, BorderLayout.CENTER);
        JButton yes = Ui.button("prompt.yes", t.get("pin.prompt.yes"));
        JButton later = Ui.button("prompt.later", t.get("pin.prompt.later"));
        yes.addActionListener(e -> {
            d.dispose();
            changePinOf(k);
        });
        later.addActionListener(e -> d.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
        buttons.add(yes);
        buttons.add(later);
        p.add(buttons, BorderLayout.SOUTH);
        d.setContentPane(p);
        d.getRootPane().setDefaultButton(yes);
        d.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override public void windowClosed(java.awt.event.WindowEvent e) { promptOpen = false; }
        });
        promptOpen = true;
        d.pack();
        Rectangle f = frame.getBounds();
        d.setLocation(f.x + (f.width - d.getWidth()) / 2, f.y + (f.height - d.getHeight()) / 3);
        d.setVisible(true);
    }

    private void close() {
        poll.stop();
        background.close();
    }
}
