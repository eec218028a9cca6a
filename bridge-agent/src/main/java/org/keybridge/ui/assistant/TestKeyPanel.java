package org.keybridge.ui.assistant;

import java.awt.FlowLayout;
import java.util.Arrays;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import org.keybridge.core.KeyMaintenance;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.ui.CertificateNames;
import org.keybridge.ui.SwingInteraction;
import org.keybridge.ui.Rows;

/**
 * "Test my key": pick a certificate, type the PIN, and the key signs 32 random bytes that the certificate then
 * verifies ({@link KeyMaintenance#selfTest}). The answer is OK with the algorithm, or the error code and its message.
 */
final class TestKeyPanel {
    static final int WIDTH = 560;

    private final AssistantTexts t;
    private final AssistantServices services;
    private final Background background;
    private final Runnable changed;
    private final JPanel panel = new JPanel(new java.awt.GridBagLayout());
    private final JComboBox<TokenCertificate> certs = new JComboBox<>();
    private final JPasswordField pin = new JPasswordField(18);
    private final JLabel note = Ui.label("test.note", "");
    private final JLabel result = Ui.label("test.result", "");
    private final JButton run;

    TestKeyPanel(AssistantTexts t, AssistantServices services, Background background, Runnable changed) {
        this.t = t;
        this.services = services;
        this.background = background;
        this.changed = changed;
        panel.setName("testKey");
        panel.setBorder(BorderFactory.createEmptyBorder(18, 22, 18, 22));
        certs.setName("test.certificate");
        certs.setRenderer(Ui.renderer(TokenCertificate.class, c -> c.tokenLabel() + " · " + CertificateNames.shortName(c) + " · "
                + CertificateNames.issuerName(c)));
        certs.addActionListener(e -> showNote());
        pin.setName("test.pin");
        pin.getAccessibleContext().setAccessibleName(t.get("test.pin"));
        run = Ui.button("test.run", t.get("test.run"));
        run.addActionListener(e -> submit());
        pin.addActionListener(e -> submit());
        note.setForeground(CertificateView.ORANGE);
        Rows rows = new Rows(panel);
        rows.full(Ui.muted("test.explain", t.get("test.explain"), WIDTH), 0, 14);
        rows.pair(Ui.label("test.certificate.label", t.get("test.certificate")), certs);
        rows.full(note, 4, 8);
        JLabel pinLabel = Ui.label("test.pin.label", t.get("test.pin"));
        pinLabel.setLabelFor(pin);
        rows.pair(pinLabel, pin);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        buttons.add(run);
        rows.full(buttons, 14, 10);
        rows.full(result, 0, 0);
        rows.filler();
    }

    JComponent component() { return panel; }

    void show(Snapshot s) {
        TokenCertificate selected = (TokenCertificate) certs.getSelectedItem();
        certs.removeAllItems();
        for (Token k : s.tokens()) {
            for (TokenCertificate c : k.certificates()) if (c.hasPrivateKey()) certs.addItem(c);
        }
        if (selected != null) select(selected.id());
        showNote();
    }

    void select(String certificateId) {
        for (int i = 0; i < certs.getItemCount(); i++) {
            if (certs.getItemAt(i).id().equals(certificateId)) certs.setSelectedIndex(i);
        }
    }

    private void showNote() {
        TokenCertificate c = (TokenCertificate) certs.getSelectedItem();
        boolean expired = c != null && CertificateStatus.of(c.notBefore(), c.notAfter(), services.clock().instant(),
                services.expiringSoon()) == CertificateStatus.EXPIRED;
        Ui.set(note, expired ? t.get("test.expiredNote") : "", WIDTH);
    }

    private void submit() {
        TokenCertificate c = (TokenCertificate) certs.getSelectedItem();
        char[] typed = pin.getPassword();
        SwingInteraction.wipe(pin);
        if (c == null) {
            Arrays.fill(typed, '\0');
            Ui.result(result, t.get("pin.noKey"), CertificateView.RED, "NO_TOKEN", WIDTH);
            return;
        }
        run.setEnabled(false);
        Ui.result(result, t.get("test.working"), null, "WORKING", WIDTH);
        background.run(() -> services.keys().selfTest(c, r -> typed), ok -> {
            run.setEnabled(true);
            Ui.result(result, t.get("test.ok", ok.algorithm().name(), ok.millis()), CertificateView.GREEN, "OK", WIDTH);
        }, e -> {
            run.setEnabled(true);
            Arrays.fill(typed, '\0'); // the driver wipes it after a login attempt; not when it failed before
            String message = e instanceof KeyBridgeException k ? t.get("test.failed", k.code().name(), t.error(k))
                    : String.valueOf(e.getMessage());
            Ui.result(result, message, CertificateView.RED, ChangePinPanel.code(e), WIDTH);
            changed.run();
        });
    }
}
