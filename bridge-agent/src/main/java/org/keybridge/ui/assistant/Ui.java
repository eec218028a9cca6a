package org.keybridge.ui.assistant;

import java.awt.Color;
import java.awt.GridBagLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;
import org.keybridge.ui.SwingInteraction;

/** Small Swing builders for the assistant: named components (tests and accessibility find them by name). */
final class Ui {
    private Ui() {}

    /** Client property: a label's plain text (the label shows it escaped as HTML); and a result's error code. */
    static final String TEXT = "keybridge.text", CODE = "keybridge.code";
    static final Color MUTED = new Color(0x5f6368);

    /** A label for any text (certificate fields included): HTML-escaped, wrapped at {@code width} px when > 0. */
    static JLabel label(String name, String text, int width) {
        JLabel l = new JLabel();
        l.setName(name);
        set(l, text, width);
        return l;
    }

    static JLabel label(String name, String text) { return label(name, text, 0); }

    static void set(JLabel l, String text, int width) {
        String body = SwingInteraction.escape(text);
        l.setText("<html>" + (width > 0 ? "<div style='width:" + width + "px'>" + body + "</div>" : body) + "</html>");
        l.putClientProperty(TEXT, text);
        l.getAccessibleContext().setAccessibleName(text);
    }

    static JLabel muted(String name, String text) { return muted(name, text, 0); }

    static JLabel muted(String name, String text, int width) {
        JLabel l = label(name, text, width);
        l.setForeground(MUTED);
        return l;
    }

    static JLabel bold(JLabel l, float size) {
        l.setFont(l.getFont().deriveFont(java.awt.Font.BOLD, size));
        return l;
    }

    /** A result line: text and colour, with the error code (or "OK") kept for tests and screen readers. */
    static void result(JLabel l, String text, Color colour, String code, int width) {
        set(l, text, width);
        l.setForeground(colour == null ? UIManager.getColor("Label.foreground") : colour);
        l.putClientProperty(CODE, code);
    }

    /** A combo box renderer that shows {@code text} of each item ("" for none). */
    static <T> javax.swing.ListCellRenderer<Object> renderer(Class<T> type, java.util.function.Function<T, String> text) {
        return new javax.swing.DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> l, Object v, int i, boolean sel,
                                                                   boolean focus) {
                return super.getListCellRendererComponent(l, v == null ? "" : text.apply(type.cast(v)), i, sel, focus);
            }
        };
    }

    static JButton button(String name, String text) {
        JButton b = new JButton(text);
        b.setName(name);
        return b;
    }

    /** A white card with a thin border, for one key or one certificate. */
    static JPanel card(String name, Color accent) {
        JPanel p = new JPanel(new GridBagLayout());
        p.setName(name);
        p.setBackground(Color.WHITE);
        p.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 4, 0, 0, accent),
                        BorderFactory.createLineBorder(new Color(0xdadce0))),
                BorderFactory.createEmptyBorder(10, 14, 10, 14)));
        return p;
    }
}
