package org.keybridge.ui.assistant;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.nio.file.Path;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.table.DefaultTableModel;
import org.keybridge.error.KeyBridgeException;

/**
 * "Portals": the trusted portals and their addresses, the list's version and signature state, and "Update" with a
 * signed portal list file, verified exactly as {@code keybridge portals update FILE} does.
 */
final class PortalsPanel {
    static final int WIDTH = 640;

    private final AssistantTexts t;
    private final AssistantServices services;
    private final Background background;
    private final JPanel panel = new JPanel(new BorderLayout(0, 10));
    private final DefaultTableModel model;
    private final JLabel version = Ui.label("portals.version", "");
    private final JLabel signature = Ui.label("portals.signature", "");
    private final JTextField file = new JTextField(30);
    private final JLabel result = Ui.label("portals.result", "");

    PortalsPanel(AssistantTexts t, AssistantServices services, Background background) {
        this.t = t;
        this.services = services;
        this.background = background;
        panel.setName("portals");
        panel.setBorder(BorderFactory.createEmptyBorder(16, 18, 16, 18));
        model = new DefaultTableModel(new Object[] {t.get("portals.name"), t.get("portals.addresses")}, 0) {
            private static final long serialVersionUID = 1L;

            @Override public boolean isCellEditable(int r, int c) { return false; }
        };
        JTable table = new JTable(model);
        table.setName("portals.table");
        table.setRowHeight(26);
        table.setFillsViewportHeight(true);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new java.awt.Dimension(WIDTH, 180));
        JPanel head = new JPanel(new BorderLayout(0, 4));
        head.add(version, BorderLayout.NORTH);
        head.add(signature, BorderLayout.CENTER);
        panel.add(head, BorderLayout.NORTH);
        panel.add(scroll, BorderLayout.CENTER);

        file.setName("portals.file");
        JButton choose = Ui.button("portals.choose", t.get("portals.choose"));
        choose.addActionListener(e -> {
            JFileChooser fc = new JFileChooser();
            if (fc.showOpenDialog(panel) == JFileChooser.APPROVE_OPTION) file.setText(fc.getSelectedFile().getPath());
        });
        JButton update = Ui.button("portals.update", t.get("portals.update"));
        update.addActionListener(e -> update());
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        row.add(Ui.label("portals.file.label", t.get("portals.file")));
        row.add(file);
        row.add(choose);
        row.add(update);
        JPanel bottom = new JPanel(new BorderLayout(0, 8));
        bottom.add(row, BorderLayout.NORTH);
        bottom.add(result, BorderLayout.CENTER);
        if (!services.portals().canUpdate()) {
            for (JComponent c : new JComponent[] {file, choose, update}) c.setEnabled(false);
            Ui.result(result, t.get("portals.notAvailable"), Ui.MUTED, "NOT_AVAILABLE", WIDTH);
        }
        panel.add(bottom, BorderLayout.SOUTH);
        show(services.portals().current());
    }

    JComponent component() { return panel; }

    private void show(PortalDirectory.Listing l) {
        model.setRowCount(0);
        for (PortalDirectory.Portal p : l.portals()) model.addRow(new Object[] {p.name(t.locale()), String.join("  ", p.origins())});
        Ui.set(version, t.get("portals.version", l.version()), WIDTH);
        Ui.result(signature, t.get("portals.signature." + l.signature(), l.source()),
                l.signature() == PortalDirectory.SignatureState.SIGNED ? CertificateView.GREEN : CertificateView.ORANGE,
                l.signature().name(), WIDTH);
        if (l.portals().isEmpty()) model.addRow(new Object[] {t.get("portals.none"), ""});
    }

    private void update() {
        String f = file.getText().trim();
        if (f.isEmpty()) return;
        background.run(() -> services.portals().update(Path.of(f)), l -> {
            show(l);
            Ui.result(result, t.get("portals.updated", l.version()), CertificateView.GREEN, "OK", WIDTH);
        }, e -> {
            String why = e instanceof KeyBridgeException k ? t.error(k) + " (" + k.getMessage() + ")" : String.valueOf(e.getMessage());
            Ui.result(result, t.get("portals.refused", why), CertificateView.RED, ChangePinPanel.code(e), WIDTH);
        });
    }
}
