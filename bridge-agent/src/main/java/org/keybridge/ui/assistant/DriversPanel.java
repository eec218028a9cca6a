package org.keybridge.ui.assistant;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.keybridge.token.ModuleState;

/** "Drivers": the configured modules with their installed files and state, the doctor's findings, and the bundle. */
final class DriversPanel {
    static final int WIDTH = 640;

    private final AssistantTexts t;
    private final AssistantServices services;
    private final JPanel panel = new JPanel(new BorderLayout(0, 10));
    private final DefaultTableModel model;
    private final JPanel findings = new JPanel();
    private final JLabel result = Ui.label("drivers.result", "");
    private Snapshot last = Snapshot.EMPTY;

    DriversPanel(AssistantTexts t, AssistantServices services) {
        this.t = t;
        this.services = services;
        panel.setName("drivers");
        panel.setBorder(BorderFactory.createEmptyBorder(16, 18, 16, 18));
        model = new DefaultTableModel(new Object[] {t.get("drivers.module"), t.get("drivers.library"),
            t.get("drivers.version"), t.get("drivers.state")}, 0) {
            private static final long serialVersionUID = 1L;

            @Override public boolean isCellEditable(int r, int c) { return false; }
        };
        JTable table = new JTable(model);
        table.setName("drivers.table");
        table.setRowHeight(26);
        table.setFillsViewportHeight(true);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new java.awt.Dimension(WIDTH, 150));
        panel.add(scroll, BorderLayout.NORTH);
        findings.setLayout(new BoxLayout(findings, BoxLayout.Y_AXIS));
        findings.setName("drivers.findings");
        JPanel middle = new JPanel(new BorderLayout(0, 6));
        middle.add(Ui.bold(Ui.label("drivers.findings.title", t.get("drivers.findings")), 14f), BorderLayout.NORTH);
        middle.add(findings, BorderLayout.CENTER);
        panel.add(middle, BorderLayout.CENTER);
        JButton copy = Ui.button("drivers.copy", t.get("drivers.copy"));
        copy.addActionListener(e -> copy());
        JPanel bottom = new JPanel(new BorderLayout(0, 8));
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        row.add(copy);
        bottom.add(row, BorderLayout.NORTH);
        bottom.add(result, BorderLayout.CENTER);
        panel.add(bottom, BorderLayout.SOUTH);
    }

    JComponent component() { return panel; }

    void show(Snapshot s) {
        last = s;
        model.setRowCount(0);
        for (ModuleState m : s.modules()) {
            String v = Diagnostics.fileVersion(m.library());
            model.addRow(new Object[] {m.name(), m.library(), v == null ? t.get("drivers.versionUnknown") : v,
                m.loaded() ? t.get("drivers.loaded") : t.get("drivers.notLoaded", m.error())});
        }
        findings.removeAll();
        List<String> f = services.diagnostics().findings(t.locale());
        if (!services.diagnostics().fullDoctor()) findings.add(Ui.muted("drivers.noDoctor", t.get("drivers.noDoctor"), WIDTH));
        for (int i = 0; i < f.size(); i++) findings.add(Ui.label("drivers.finding." + i, "• " + f.get(i), WIDTH));
        findings.revalidate();
        findings.repaint();
    }

    private void copy() {
        String text = services.diagnostics().bundle(last.modules(), last.tokens());
        Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(text), null);
        Ui.result(result, t.get("drivers.copied", text.split("\n").length), CertificateView.GREEN, "OK", WIDTH);
    }
}
