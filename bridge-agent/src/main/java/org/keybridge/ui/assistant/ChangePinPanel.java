package org.keybridge.ui.assistant;

import java.awt.FlowLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.error.PinException;
import org.keybridge.token.PinState;
import org.keybridge.token.Token;
import org.keybridge.ui.SwingInteraction;
import org.keybridge.ui.Rows;

/**
 * "Change PIN": the key, the current PIN, the new PIN twice, the key's length rules. {@link PinRules} refuses a
 * mismatch, a wrong length and trivial PINs before anything reaches the key; then one C_SetPIN. A wrong current PIN
 * shows what the key says of the tries left (COUNT_LOW, FINAL_TRY); the assistant never tries again by itself.
 */
final class ChangePinPanel {
    static final int WIDTH = 560;

    private final AssistantTexts t;
    private final AssistantServices services;
    private final Background background;
    private final Runnable changed;
    private final JPanel panel = new JPanel(new java.awt.GridBagLayout());
    private final JComboBox<Token> keys = new JComboBox<>();
    private final JPasswordField oldPin = field("pin.old"), newPin = field("pin.new"), confirm = field("pin.confirm");
    private final JLabel rules = Ui.muted("pin.rules", "");
    private final JLabel result = Ui.label("pin.result", "");
    private final JButton change;

    ChangePinPanel(AssistantTexts t, AssistantServices services, Background background, Runnable changed) {
        this.t = t;
        this.services = services;
        this.background = background;
        this.changed = changed;
        panel.setName("changePin");
        panel.setBorder(BorderFactory.createEmptyBorder(18, 22, 18, 22));
        keys.setName("pin.key");
        keys.setRenderer(Ui.renderer(Token.class, k -> k.label() + "  (" + k.manufacturer() + " " + k.model() + ")"));
        keys.addActionListener(e -> showRules());
        change = Ui.button("pin.change", t.get("pin.change"));
        change.addActionListener(e -> submit());
        Rows rows = new Rows(panel);
        rows.pair(Ui.label("pin.key.label", t.get("pin.key")), keys);
        rows.full(rules, 4, 12);
        rows.pair(label("pin.old.label", t.get("pin.old"), oldPin), oldPin);
        rows.pair(label("pin.new.label", t.get("pin.new"), newPin), newPin);
        rows.pair(label("pin.confirm.label", t.get("pin.confirm"), confirm), confirm);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        buttons.add(change);
        rows.full(buttons, 14, 10);
        rows.full(result, 0, 0);
        rows.filler();
        confirm.addActionListener(e -> submit());
    }

    JComponent component() { return panel; }

    private static JPasswordField field(String name) {
        JPasswordField f = new JPasswordField(18);
        f.setName(name);
        return f;
    }

    private static JLabel label(String name, String text, JComponent forField) {
        JLabel l = Ui.label(name, text);
        l.setLabelFor(forField);
        forField.getAccessibleContext().setAccessibleName(text);
        return l;
    }

    /** New keys listed; the selected one kept when it is still there. */
    void show(Snapshot s) {
        Token selected = (Token) keys.getSelectedItem();
        keys.removeAllItems();
        for (Token k : s.tokens()) keys.addItem(k);
        if (selected != null) select(selected);
        showRules();
    }

    void select(Token k) {
        for (int i = 0; i < keys.getItemCount(); i++) {
            Token x = keys.getItemAt(i);
            if (x.module().equals(k.module()) && x.serialNumber().equals(k.serialNumber())) keys.setSelectedIndex(i);
        }
    }

    private void showRules() {
        Token k = (Token) keys.getSelectedItem();
        PinRules r = k == null ? new PinRules(0, 0) : new PinRules(k.minPinLength(), k.maxPinLength());
        Ui.set(rules, k == null ? t.get("pin.noKey") : t.get("pin.rules", r.min(), r.max()), WIDTH);
    }

    private void submit() {
        Token k = (Token) keys.getSelectedItem();
        char[] o = oldPin.getPassword(), n = newPin.getPassword(), c = confirm.getPassword();
        clearFields();
        if (k == null) {
            wipe(o, n, c);
            Ui.result(result, t.get("pin.noKey"), CertificateView.RED, "NO_TOKEN", WIDTH);
            return;
        }
        PinRules r = new PinRules(k.minPinLength(), k.maxPinLength());
        Optional<PinRules.Problem> problem = r.check(o, n, c);
        Arrays.fill(c, '\0');
        if (problem.isPresent()) {
            wipe(o, n);
            Ui.result(result, t.get("pin.problem." + problem.get(), r.min(), r.max()), CertificateView.RED,
                    "RULE_" + problem.get(), WIDTH);
            return;
        }
        change.setEnabled(false);
        Ui.result(result, t.get("pin.working"), null, "WORKING", WIDTH);
        background.run(() -> {
            services.keys().changePin(k, o, n); // wipes both
            return true;
        }, ok -> {
            change.setEnabled(true);
            Ui.result(result, t.get("pin.done"), CertificateView.GREEN, "OK", WIDTH);
            changed.run();
        }, e -> {
            change.setEnabled(true);
            wipe(o, n);
            Ui.result(result, failure(e), CertificateView.RED, code(e), WIDTH);
            changed.run();
        });
    }

    /** The code's message, and what the token now says of the tries left. */
    private String failure(RuntimeException e) {
        if (!(e instanceof KeyBridgeException k)) return Objects.toString(e.getMessage(), e.toString());
        StringBuilder b = new StringBuilder(t.error(k));
        if (k instanceof PinException p) tries(p.pinState()).ifPresent(x -> b.append(' ').append(x));
        return b.toString();
    }

    Optional<String> tries(PinState s) {
        if (s == null) return Optional.empty();
        if (s.locked()) return Optional.of(t.get("pin.tries.LOCKED"));
        if (s.finalTry()) return Optional.of(t.get("pin.tries.FINAL_TRY"));
        if (s.countLow()) return Optional.of(t.get("pin.tries.COUNT_LOW"));
        return Optional.empty();
    }

    static String code(RuntimeException e) {
        return e instanceof KeyBridgeException k ? k.code().name() : e.getClass().getSimpleName();
    }

    private void clearFields() {
        for (JPasswordField f : List.of(oldPin, newPin, confirm)) SwingInteraction.wipe(f);
    }

    private static void wipe(char[]... arrays) {
        for (char[] a : arrays) Arrays.fill(a, '\0');
    }
}
