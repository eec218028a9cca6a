package org.keybridge.ui.assistant;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.nio.file.Path;
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

/**
 * "Drivers": the modules with their library versions and state, the installed driver bundles, the doctor's findings
 * with their fixes (diagnosed on the worker the first time the tab is shown), and "copy diagnostic bundle".
 */
final class DriversPanel {
    static final int WIDTH = 620;

    private final AssistantTexts t;
    private final AssistantServices services;
    private final Background background;
    private final JPanel panel = new JPanel(new BorderLayout(0, 10));
    private final DefaultTableModel model;
    private final JPanel findings = new JPanel();
    private final JLabel result = Ui.label("drivers.result", "");
    private Snapshot last = Snapshot.EMPTY;
    private Diagnostics.Report report;
    private boolean diagnosing;

    DriversPanel(AssistantTexts t, AssistantServices services, Background background) {
        this.t = t;
        this.services = services;
        this.background = background;
        panel.setName("drivers");
        panel.setBorder(BorderFactory.createEmptyBorder(14, 18, 14, 18));
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
        scroll.setPreferredSize(new java.awt.Dimension(WIDTH, 120));
        panel.add(scroll, BorderLayout.NORTH);
        findings.setLayout(new BoxLayout(findings, BoxLayout.Y_AXIS));
        findings.setName("drivers.findings");
        JScrollPane findingsScroll = new JScrollPane(findings);
        findingsScroll.setBorder(BorderFactory.createEmptyBorder());
        findingsScroll.getVerticalScrollBar().setUnitIncrement(16);
        JPanel middle = new JPanel(new BorderLayout(0, 6));
        middle.add(Ui.bold(Ui.label("drivers.findings.title", t.get("drivers.findings")), 14f), BorderLayout.NORTH);
        middle.add(findingsScroll, BorderLayout.CENTER);
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
            String v = report == null ? null : report.moduleVersions().get(m.name());
            if (v == null) v = Diagnostics.fileVersion(m.library());
            model.addRow(new Object[] {m.name(), m.library(), v == null ? t.get("drivers.versionUnknown") : v,
                m.loaded() ? t.get("drivers.loaded") : t.get("drivers.notLoaded", m.error())});
        }
    }

    /** Runs the diagnosis once (the first time the tab is shown); completes when its findings are on screen. */
    java.util.concurrent.CompletableFuture<Void> diagnose() {
        if (report != null || diagnosing) return java.util.concurrent.CompletableFuture.completedFuture(null);
        diagnosing = true;
        findings.removeAll();
        findings.add(Ui.muted("drivers.diagnosing", t.get("drivers.diagnosing"), WIDTH));
        Snapshot s = last;
        return background.run(() -> services.diagnostics().diagnose(t.locale(), s.modules(), s.tokens()), r -> {
            diagnosing = false;
            report = r;
            showFindings(r);
            show(last);
        }, e -> {
            diagnosing = false;
            findings.removeAll();
            findings.add(Ui.label("drivers.failed", String.valueOf(e.getMessage()), WIDTH));
            findings.revalidate();
        });
    }

    private void showFindings(Diagnostics.Report r) {
        findings.removeAll();
        if (!r.fullDoctor()) findings.add(Ui.muted("drivers.noDoctor", t.get("drivers.noDoctor"), WIDTH));
        findings.add(Ui.label("drivers.installed", r.drivers().isEmpty() ? t.get("drivers.noInstalled")
                : t.get("drivers.installed", String.join(";  ", r.drivers())), WIDTH));
        List<Diagnostics.Finding> f = r.findings();
        for (int i = 0; i < f.size(); i++) {
            Diagnostics.Finding x = f.get(i);
            JLabel l = Ui.label("drivers.finding." + i, "● " + x.text() + (x.fix() == null ? "" : "  → " + x.fix()), WIDTH);
            l.setForeground(colour(x.severity()));
            l.setBorder(BorderFactory.createEmptyBorder(3, 0, 3, 0));
            findings.add(l);
        }
        findings.revalidate();
        findings.repaint();
    }

    private static Color colour(String severity) {
        return switch (severity) {
            case "ERROR" -> CertificateView.RED;
            case "WARNING" -> CertificateView.ORANGE;
            case "OK" -> CertificateView.GREEN;
            default -> Ui.MUTED;
        };
    }

    /** Writes the bundle and puts it on the clipboard as a file (paste into a mail or a folder) and as its path. */
    private void copy() {
        Snapshot s = last;
        Ui.result(result, t.get("drivers.writing"), null, "WORKING", WIDTH);
        background.run(() -> {
            try {
                return services.diagnostics().writeBundle(t.locale(), s.modules(), s.tokens());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, file -> {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new FileSelection(file), null);
            Ui.result(result, t.get("drivers.copied", file), CertificateView.GREEN, "OK", WIDTH);
        }, e -> Ui.result(result, String.valueOf(e.getMessage()), CertificateView.RED, ChangePinPanel.code(e), WIDTH));
    }

    /** A file on the clipboard: as a file list for file managers and mail programs, and as its path for text fields. */
    private record FileSelection(Path file) implements Transferable {
        @Override public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[] {DataFlavor.javaFileListFlavor, DataFlavor.stringFlavor};
        }

        @Override public boolean isDataFlavorSupported(DataFlavor f) {
            return f.equals(DataFlavor.javaFileListFlavor) || f.equals(DataFlavor.stringFlavor);
        }

        @Override public Object getTransferData(DataFlavor f) throws java.awt.datatransfer.UnsupportedFlavorException {
            if (f.equals(DataFlavor.javaFileListFlavor)) return List.of(file.toFile());
            if (f.equals(DataFlavor.stringFlavor)) return file.toString();
            throw new java.awt.datatransfer.UnsupportedFlavorException(f);
        }
    }
}
