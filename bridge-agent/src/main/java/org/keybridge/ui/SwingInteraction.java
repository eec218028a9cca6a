package org.keybridge.ui;

import java.awt.AWTError;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.GridBagLayout;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.Icon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;
import javax.swing.text.Document;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.PinDialog;
import org.keybridge.core.UserInteraction;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.TokenCertificate;

/**
 * The agent's own PIN dialog and certificate list (Swing, on the event dispatch thread, callable from any thread).
 *
 * <p>The PIN dialog is modal, always on top and centered. It names the requesting origin and the purpose first, then
 * the certificate (holder, organization, USCC, issuer, validity and what its status means), the key's label, a warning
 * when the token reports COUNT_LOW or FINAL_TRY, the PIN field, OK and Cancel. Enter is OK (once something is typed);
 * Cancel, Escape, closing the window and the timeout all answer null, which the core turns into PIN_CANCELLED. The
 * PIN is the field's own {@code char[]}; the field is wiped afterwards and the PIN is never logged.
 *
 * <p>Texts come from the {@code dialog.*} keys in zh-CN, en or es by the request's locale. Fonts are the logical
 * "Dialog" font, which on Linux falls back through fontconfig to an installed CJK font (scripts/setup.sh installs
 * fonts-wqy-zenhei); if it still cannot show a text, an installed family that can is used instead.
 *
 * <p>Components carry names ({@code keybridge.pin}, {@code headline}, {@code warning}, {@code pin}, {@code ok},
 * {@code cancel}, …) so that tests and accessibility tools can find them.
 */
public final class SwingInteraction implements UserInteraction {
    /** How long a dialog waits for the user before it closes as cancelled. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    static final String PIN_DIALOG = "keybridge.pin";
    static final String CHOICE_DIALOG = "keybridge.choose";
    static final Color WARNING = new Color(0x9a5b00);
    static final Color DANGER = new Color(0xb00020);
    static final Color OK_GREEN = new Color(0x1b6e20);
    static final Color MUTED = new Color(0x555555);
    static final int TEXT_WIDTH = 400;
    static final int VALUE_WIDTH = 270;
    /** Client property of every label: its plain text (the label itself shows it escaped as HTML). */
    static final String TEXT = "keybridge.text";

    static {
        // Without a desktop's font settings (no XSETTINGS daemon, Xvfb) AWT draws text without anti-aliasing, which
        // leaves CJK glyphs ragged at dialog sizes. Only read when the toolkit starts, and a user's choice wins.
        if (System.getProperty("awt.useSystemAAFontSettings") == null) {
            System.setProperty("awt.useSystemAAFontSettings", "on");
        }
    }

    private final Duration timeout;

    public SwingInteraction() { this(DEFAULT_TIMEOUT); }

    public SwingInteraction(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    public Duration timeout() { return timeout; }

    @Override
    public char[] askPin(PinDialog dialog) {
        Objects.requireNonNull(dialog, "dialog");
        return onEdt(() -> new PinWindow(dialog, timeout));
    }

    @Override
    public Optional<String> chooseCertificate(CertificateChoice choice) {
        Objects.requireNonNull(choice, "choice");
        if (choice.certificates().isEmpty()) return Optional.empty();
        return Optional.ofNullable(onEdt(() -> new ChoiceWindow(choice, timeout)));
    }

    /** A modal window built and shown on the EDT; its answer, or null when it was cancelled. */
    interface Modal<T> {
        T showAndWait();

        void cancel();
    }

    /** Builds and shows the window on the EDT and waits for its answer from any thread. */
    static <T> T onEdt(Supplier<? extends Modal<T>> factory) {
        if (GraphicsEnvironment.isHeadless()) {
            throw new KeyBridgeException(ErrorCode.PIN_CANCELLED, "no display for the PIN dialog (headless)");
        }
        AtomicReference<Modal<T>> window = new AtomicReference<>();
        Supplier<T> show = () -> {
            Modal<T> w = factory.get();
            window.set(w);
            return w.showAndWait();
        };
        try {
            if (SwingUtilities.isEventDispatchThread()) return show.get();
            AtomicReference<T> answer = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> answer.set(show.get()));
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SwingUtilities.invokeLater(() -> {
                Modal<T> w = window.get();
                if (w != null) w.cancel();
            });
            throw new KeyBridgeException(ErrorCode.PIN_CANCELLED, "interrupted while the dialog was open");
        } catch (InvocationTargetException e) {
            throw failure(e.getCause());
        } catch (HeadlessException | AWTError e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(Throwable t) {
        if (t instanceof KeyBridgeException k) return k;
        if (t instanceof HeadlessException || t instanceof AWTError) {
            return new KeyBridgeException(ErrorCode.PIN_CANCELLED, "cannot show the PIN dialog: " + t.getMessage(), t);
        }
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error err) throw err;
        return new IllegalStateException(t);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The PIN dialog. */
    static final class PinWindow implements Modal<char[]> {
        private final JDialog dialog;
        private final JPasswordField field = new JPasswordField(16);
        private final JButton ok;
        private final Timer timer;
        private char[] answer;
        private boolean done;

        PinWindow(PinDialog d, Duration timeout) {
            DialogTexts t = new DialogTexts(d.locale());
            TokenCertificate c = d.certificate();
            String headline = t.headline(d.origin(), d.purpose());
            List<DialogTexts.Line> lines = t.certificateLines(c, d.tokenLabel());
            String status = t.status(c);
            Optional<String> warning = t.warning(d.pinState());
            StringBuilder all = new StringBuilder(headline).append(status).append(t.text("pin.title"));
            lines.forEach(l -> all.append(l.label()).append(l.value()));
            warning.ifPresent(all::append);
            Fonts fonts = new Fonts(all.toString());

            dialog = new JDialog((Dialog) null, t.text("pin.title"), Dialog.ModalityType.APPLICATION_MODAL);
            dialog.setName(PIN_DIALOG);
            dialog.setLocale(t.locale());
            JPanel content = new JPanel(new GridBagLayout());
            content.setBorder(BorderFactory.createEmptyBorder(16, 20, 12, 20));
            Rows g = new Rows(content);

            g.full(headline(headline, d.origin(), fonts.bold(16)), 0, 12);

            JPanel cert = new JPanel(new GridBagLayout());
            cert.setName("certificate");
            cert.setOpaque(false);
            cert.setBorder(BorderFactory.createCompoundBorder(
                    BorderFactory.createMatteBorder(1, 0, 1, 0, new Color(0xc8c8c8)),
                    BorderFactory.createEmptyBorder(8, 0, 8, 0)));
            Rows cg = new Rows(cert);
            for (DialogTexts.Line l : lines) {
                cg.pair(label(l.key() + ".label", l.label(), fonts.plain(13), MUTED, 0),
                        label(l.key(), l.value(), l.key().equals("holder") ? fonts.bold(13) : fonts.plain(13), null,
                                VALUE_WIDTH));
            }
            cg.full(label("status", status, fonts.plain(13), statusColor(c.status())), 6, 0);
            g.full(cert, 0, 10);

            warning.ifPresent(w -> {
                boolean finalTry = d.pinState().finalTry();
                JLabel wl = label("warning", w, finalTry ? fonts.bold(14) : fonts.plain(13), finalTry ? DANGER : WARNING,
                        TEXT_WIDTH - 70);
                Icon icon = UIManager.getIcon(finalTry ? "OptionPane.errorIcon" : "OptionPane.warningIcon");
                wl.setIcon(icon);
                wl.setIconTextGap(10);
                JPanel box = new JPanel(new BorderLayout());
                box.setName("warningBox");
                box.setBackground(finalTry ? new Color(0xfde7e9) : new Color(0xfff4d6));
                box.setBorder(BorderFactory.createCompoundBorder(
                        BorderFactory.createLineBorder(finalTry ? DANGER : WARNING, finalTry ? 2 : 1),
                        BorderFactory.createEmptyBorder(6, 8, 6, 8)));
                box.add(wl, BorderLayout.CENTER);
                g.full(box, 0, 10);
            });

            JLabel pinLabel = label("pin.label", t.text("pin"), fonts.bold(14), null, 0);
            pinLabel.setLabelFor(field);
            field.setName("pin");
            field.setFont(fonts.plain(16));
            if (field.getFont().canDisplay('\u25cf')) field.setEchoChar('\u25cf');
            field.getAccessibleContext().setAccessibleName(t.text("pin"));
            JPanel pinRow = new JPanel(new BorderLayout(10, 0));
            pinRow.setOpaque(false);
            pinRow.add(pinLabel, BorderLayout.WEST);
            pinRow.add(field, BorderLayout.CENTER);
            g.full(pinRow, 0, 6);
            g.full(label("note", t.text("pin.note"), fonts.plain(12), MUTED), 0, 10);

            ok = button("ok", t.text("ok"), fonts.plain(13));
            JButton cancel = button("cancel", t.text("cancel"), fonts.plain(13));
            ok.setEnabled(false);
            ok.addActionListener(e -> finish(true));
            cancel.addActionListener(e -> finish(false));
            field.addActionListener(e -> { if (field.getDocument().getLength() > 0) finish(true); });
            field.getDocument().addDocumentListener(new DocumentListener() {
                private void update(DocumentEvent e) { ok.setEnabled(e.getDocument().getLength() > 0); }
                @Override public void insertUpdate(DocumentEvent e) { update(e); }
                @Override public void removeUpdate(DocumentEvent e) { update(e); }
                @Override public void changedUpdate(DocumentEvent e) { update(e); }
            });
            timer = assemble(dialog, content, g, ok, cancel, field, timeout, this::cancel);
        }

        @Override
        public char[] showAndWait() {
            show(dialog, timer);
            char[] a = answer;
            answer = null;
            return a;
        }

        @Override
        public void cancel() { finish(false); }

        private void finish(boolean accepted) {
            if (done) return;
            done = true;
            timer.stop();
            answer = accepted ? field.getPassword() : null;
            wipe(field);
            dialog.dispose();
        }
    }

    /** Removes the typed PIN from the field and overwrites the characters in its text buffer. */
    public static void wipe(JPasswordField field) {
        Document doc = field.getDocument();
        int n = doc.getLength();
        if (n == 0) return;
        try {
            doc.remove(0, n);
            char[] zeros = new char[n];
            Arrays.fill(zeros, '\0');
            doc.insertString(0, new String(zeros), null); // written over the gap where the PIN was
            doc.remove(0, n);
        } catch (BadLocationException e) {
            field.setText("");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The list of usable certificates. */
    static final class ChoiceWindow implements Modal<String> {
        private final JDialog dialog;
        private final JList<TokenCertificate> list;
        private final Timer timer;
        private String answer;
        private boolean done;

        ChoiceWindow(CertificateChoice choice, Duration timeout) {
            DialogTexts t = new DialogTexts(choice.locale());
            String headline = t.headline(choice.origin(), choice.purpose());
            StringBuilder all = new StringBuilder(headline).append(t.text("choose.title"));
            for (TokenCertificate c : choice.certificates()) {
                all.append(DialogTexts.shortName(c)).append(DialogTexts.issuerName(c)).append(t.status(c))
                        .append(c.tokenLabel());
            }
            Fonts fonts = new Fonts(all.toString());

            dialog = new JDialog((Dialog) null, t.text("choose.title"), Dialog.ModalityType.APPLICATION_MODAL);
            dialog.setName(CHOICE_DIALOG);
            dialog.setLocale(t.locale());
            JPanel content = new JPanel(new GridBagLayout());
            content.setBorder(BorderFactory.createEmptyBorder(16, 20, 12, 20));
            Rows g = new Rows(content);
            g.full(headline(headline, choice.origin(), fonts.bold(16)), 0, 12);
            g.full(label("prompt", t.text("choose.prompt"), fonts.plain(13), null), 0, 6);

            list = new JList<>(choice.certificates().toArray(new TokenCertificate[0]));
            list.setName("certificates");
            list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
            list.setSelectedIndex(0);
            list.setFont(fonts.plain(13));
            list.setCellRenderer(new DefaultListCellRenderer() {
                private static final long serialVersionUID = 1L;

                @Override
                public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected,
                                                              boolean focused) {
                    TokenCertificate c = (TokenCertificate) value;
                    String html = "<html><div style='width:" + (TEXT_WIDTH - 40) + "px'><b>"
                            + escape(DialogTexts.shortName(c)) + "</b>"
                            + (c.tokenLabel() == null ? "" : " &nbsp;(" + escape(c.tokenLabel()) + ")")
                            + "<br>" + escape(t.text("choose.issuer", DialogTexts.issuerName(c)))
                            + "<br>" + escape(t.status(c)) + "</div></html>";
                    JLabel r = (JLabel) super.getListCellRendererComponent(l, html, index, selected, focused);
                    r.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
                    return r;
                }
            });
            list.addMouseListener(new MouseAdapter() {
                @Override public void mouseClicked(MouseEvent e) { if (e.getClickCount() == 2) finish(true); }
            });
            JScrollPane scroll = new JScrollPane(list);
            scroll.setName("scroll");
            Dimension cells = list.getPreferredSize(); // cells differ in height: show them all, up to 420 px
            scroll.getViewport().setPreferredSize(new Dimension(cells.width, Math.min(cells.height, 420)));
            g.full(scroll, 0, 12);

            JButton ok = button("ok", t.text("ok"), fonts.plain(13));
            JButton cancel = button("cancel", t.text("cancel"), fonts.plain(13));
            ok.addActionListener(e -> finish(true));
            cancel.addActionListener(e -> finish(false));
            timer = assemble(dialog, content, g, ok, cancel, list, timeout, this::cancel);
        }

        @Override
        public String showAndWait() {
            show(dialog, timer);
            return answer;
        }

        @Override
        public void cancel() { finish(false); }

        private void finish(boolean accepted) {
            if (done) return;
            done = true;
            timer.stop();
            TokenCertificate c = list.getSelectedValue();
            answer = accepted && c != null ? c.id() : null;
            dialog.dispose();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Escape, window close and the timeout cancel; the returned timer is started when the dialog is shown. */
    /** The common tail of both dialogs: OK/Cancel row, content, default button, focus on open, the timeout. */
    private static Timer assemble(JDialog dialog, JPanel content, Rows g, JButton ok, JButton cancel,
                                  java.awt.Component focus, Duration timeout, Runnable onTimeout) {
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
        buttons.setOpaque(false);
        buttons.add(ok);
        buttons.add(cancel);
        g.full(buttons, 0, 0);
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(ok);
        dialog.addWindowListener(new WindowAdapter() {
            @Override public void windowOpened(WindowEvent e) { focus.requestFocusInWindow(); }
        });
        return finishing(dialog, timeout, onTimeout);
    }

    private static Timer finishing(JDialog dialog, Duration timeout, Runnable cancel) {
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override public void windowClosing(WindowEvent e) { cancel.run(); }
        });
        JComponent root = dialog.getRootPane();
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "cancel");
        root.getActionMap().put("cancel", new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override public void actionPerformed(java.awt.event.ActionEvent e) { cancel.run(); }
        });
        long ms = Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Timer timer = new Timer((int) Math.max(1, ms), e -> cancel.run());
        timer.setRepeats(false);
        return timer;
    }

    private static void show(JDialog dialog, Timer timer) {
        // Centered on the default screen's usable area, placed before pack() makes the native window: on JDK 25
        // without a window manager, a second dialog moved after that (setLocationRelativeTo too) stayed at 0,0.
        Dimension size = dialog.getPreferredSize();
        Rectangle area = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        dialog.setLocation(area.x + Math.max(0, (area.width - size.width) / 2),
                area.y + Math.max(0, (area.height - size.height) / 2));
        dialog.pack();
        dialog.setResizable(false);
        dialog.setAlwaysOnTop(true);
        timer.start();
        dialog.setVisible(true); // modal: returns once the dialog is disposed
        timer.stop();
    }

    /** A label for untrusted text: HTML-escaped, wrapped at {@code width} pixels (no wrap when 0). */
    static JLabel label(String name, String text, Font font, Color color, int width) {
        JLabel l = new JLabel("<html>" + (width > 0 ? "<div style='width:" + width + "px'>" : "") + escape(text)
                + (width > 0 ? "</div>" : "") + "</html>");
        l.setName(name);
        l.putClientProperty(TEXT, text);
        l.getAccessibleContext().setAccessibleName(text);
        l.setFont(font);
        if (color != null) l.setForeground(color);
        return l;
    }

    /** The headline: the origin (and its host) in colour and never broken across lines, so it reads as one name. */
    static JLabel headline(String text, String origin, Font font) {
        JLabel l = label("headline", text, font, null);
        String o = escape(origin), h = escape(DialogTexts.host(origin));
        Matcher m = Pattern.compile(Pattern.quote(o) + "|" + Pattern.quote(h)).matcher(escape(text));
        StringBuilder html = new StringBuilder("<html><div style='width:" + TEXT_WIDTH + "px'>");
        while (m.find()) m.appendReplacement(html, Matcher.quoteReplacement("<nobr><font color='#0b4f9c'>" + m.group() + "</font></nobr>"));
        m.appendTail(html);
        l.setText(html.append("</div></html>").toString());
        return l;
    }

    private static JLabel label(String name, String text, Font font, Color color) {
        return label(name, text, font, color, TEXT_WIDTH);
    }

    private static JButton button(String name, String text, Font font) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setFont(font);
        return b;
    }

    static Color statusColor(CertificateStatus s) {
        return switch (s) {
            case VALID -> OK_GREEN;
            case EXPIRING_SOON -> WARNING;
            case EXPIRED, NOT_YET_VALID -> DANGER;
        };
    }

    /** Text for an HTML label: no markup from a certificate or an origin ever reaches the renderer. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (ch < 0x20) b.append(' ');
                    else b.append(ch);
                }
            }
        }
        return b.toString();
    }

    /** The logical "Dialog" font, or an installed family that can show the texts when Dialog cannot. */
    public static final class Fonts {
        private static final String[] CJK = {"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
            "Microsoft YaHei", "SimSun", "PingFang SC"};
        private final String family;

        public Fonts(String sample) { family = familyFor(sample); }

        public Font plain(int size) { return new Font(family, Font.PLAIN, size); }

        public Font bold(int size) { return new Font(family, Font.BOLD, size); }

        public static String familyFor(String sample) {
            if (new Font(Font.DIALOG, Font.PLAIN, 12).canDisplayUpTo(sample) == -1) return Font.DIALOG;
            List<String> installed = Arrays.asList(
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            for (String f : CJK) {
                if (installed.contains(f) && new Font(f, Font.PLAIN, 12).canDisplayUpTo(sample) == -1) return f;
            }
            for (String f : installed) {
                if (new Font(f, Font.PLAIN, 12).canDisplayUpTo(sample) == -1) return f;
            }
            return Font.DIALOG;
        }
    }
}
