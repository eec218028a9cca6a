package org.keybridge.ui.assistant;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.ui.Rows;

/**
 * "My keys": a card per inserted key (label, vendor, model, serial, PIN state) with a card per certificate (holder,
 * USCC, issuer, valid from/to, status in words and colour) and, for an expired one, the next step with a button that
 * opens the portal in the browser.
 */
final class KeysPanel {
    static final int WIDTH = 640;

    private final AssistantTexts t;
    private final AssistantServices services;
    private final Consumer<Token> changePin;
    private final JPanel list = new JPanel();
    private final JScrollPane scroll;

    KeysPanel(AssistantTexts t, AssistantServices services, Consumer<Token> changePin) {
        this.t = t;
        this.services = services;
        this.changePin = changePin;
        list.setLayout(new BoxLayout(list, BoxLayout.Y_AXIS));
        list.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = new JPanel(new BorderLayout());
        top.add(list, BorderLayout.NORTH);
        scroll = new JScrollPane(top);
        scroll.setName("keys");
        scroll.setBorder(BorderFactory.createEmptyBorder());
        scroll.getVerticalScrollBar().setUnitIncrement(16);
    }

    JComponent component() { return scroll; }

    void show(Snapshot s) {
        list.removeAll();
        if (s.error() != null) list.add(Ui.label("keys.error", s.error(), WIDTH));
        else if (s.tokens().isEmpty()) list.add(Ui.label("keys.none", t.get("keys.none"), WIDTH));
        for (Token k : s.tokens()) {
            list.add(tokenCard(k, s));
            list.add(javax.swing.Box.createVerticalStrut(12));
        }
        list.revalidate();
        list.repaint();
    }

    private JPanel tokenCard(Token k, Snapshot s) {
        String n = "token." + k.label();
        JPanel card = Ui.card(n, new Color(0x0b57d0));
        Rows rows = new Rows(card);
        rows.full(Ui.bold(Ui.label(n + ".label", t.get("keys.token", k.label())), 17f), 0, 2);
        rows.full(Ui.muted(n + ".details", t.get("keys.tokenDetails", k.manufacturer(), k.model(), k.serialNumber())), 0, 6);
        if (k.pinState().locked()) {
            JLabel l = Ui.bold(Ui.label(n + ".pinLocked", t.get("keys.pinLocked"), WIDTH - 40), 13f);
            l.setForeground(CertificateView.RED);
            rows.full(l, 2, 6);
        } else if (k.pinState().flags().contains(org.keybridge.token.PinFlag.TO_BE_CHANGED)) {
            JPanel warn = new JPanel(new BorderLayout(10, 0));
            warn.setOpaque(false);
            JLabel l = Ui.label(n + ".pinToBeChanged", t.get("keys.pinToBeChanged"), WIDTH - 220);
            l.setForeground(CertificateView.ORANGE);
            JButton b = Ui.button(n + ".changePin", t.get("keys.changePinNow"));
            b.addActionListener(e -> changePin.accept(k));
            warn.add(l, BorderLayout.CENTER);
            warn.add(b, BorderLayout.EAST);
            rows.full(warn, 2, 6);
        }
        if (k.certificates().isEmpty()) rows.full(Ui.muted(n + ".noCertificates", t.get("keys.noCertificates")), 4, 0);
        List<TokenCertificate> certs = k.certificates();
        for (int i = 0; i < certs.size(); i++) {
            CertificateView v = CertificateView.of(certs.get(i), s.at(), services.expiringSoon(), s.tokens(),
                    services.portals().rebindPortal(), t);
            rows.full(certificateCard("cert." + k.label() + "." + i, v), 6, 0);
        }
        card.setAlignmentX(0f);
        return card;
    }

    private JPanel certificateCard(String n, CertificateView v) {
        JPanel card = Ui.card(n, v.colour());
        card.setBackground(new Color(0xf8f9fa));
        Rows rows = new Rows(card);
        JLabel status = Ui.bold(Ui.label(n + ".status", v.statusText()), 15f);
        status.setForeground(v.colour());
        rows.full(status, 0, 6);
        rows.pair(Ui.muted(n + ".holder.label", t.get("cert.holder")), Ui.bold(Ui.label(n + ".holder", v.holder()), 13f));
        TokenCertificate c = v.certificate();
        if (c.uscc() != null) rows.pair(Ui.muted(n + ".uscc.label", t.get("cert.uscc")), Ui.label(n + ".uscc", c.uscc()));
        rows.pair(Ui.muted(n + ".issuer.label", t.get("cert.issuer")), Ui.label(n + ".issuer", v.issuer()));
        rows.pair(Ui.muted(n + ".from.label", t.get("cert.validFrom")),
                Ui.label(n + ".from", t.get("cert.date", Date.from(c.notBefore()))));
        rows.pair(Ui.muted(n + ".to.label", t.get("cert.validTo")),
                Ui.label(n + ".to", t.get("cert.date", Date.from(c.notAfter()))));
        v.nextStep().ifPresent(step -> rows.full(nextStep(n, step), 10, 0));
        return card;
    }

    private JPanel nextStep(String n, String step) {
        JPanel box = new JPanel(new BorderLayout(0, 6));
        box.setName(n + ".nextBox");
        box.setBackground(new Color(0xfde7e9));
        box.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(CertificateView.RED),
                BorderFactory.createEmptyBorder(8, 10, 8, 10)));
        box.add(Ui.bold(Ui.label(n + ".nextTitle", t.get("next.title")), 13f), BorderLayout.NORTH);
        box.add(Ui.label(n + ".next", step, WIDTH - 90), BorderLayout.CENTER);
        Optional<PortalDirectory.Portal> portal = services.portals().rebindPortal();
        portal.ifPresent(p -> {
            JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
            row.setOpaque(false);
            JButton open = Ui.button(n + ".open", t.get("next.open", p.name(t.locale())));
            JLabel result = Ui.label(n + ".opened", "");
            open.addActionListener(e -> {
                boolean ok = services.browser().open(URI.create(p.address()));
                Ui.result(result, "  " + t.get(ok ? "next.opened" : "next.cannotOpen", p.address()),
                        ok ? CertificateView.GREEN : CertificateView.RED, ok ? "OK" : "NO_BROWSER", 0);
            });
            row.add(open);
            row.add(result);
            box.add(row, BorderLayout.SOUTH);
        });
        return box;
    }
}
