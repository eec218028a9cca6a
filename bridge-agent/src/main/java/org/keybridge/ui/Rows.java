package org.keybridge.ui;

import java.awt.Component;
import java.awt.Container;
import java.awt.GridBagConstraints;
import java.awt.Insets;
import javax.swing.JPanel;

/** Rows of a GridBag: label/value pairs and full-width rows (the PIN dialog's and the assistant's forms). */
public final class Rows {
    private final Container c;
    private int row;

    public Rows(Container c) { this.c = c; }

    public Rows pair(Component label, Component value) {
        GridBagConstraints k = base();
        k.gridx = 0;
        k.insets = new Insets(2, 0, 2, 14);
        c.add(label, k);
        GridBagConstraints v = base();
        v.gridx = 1;
        v.weightx = 1;
        v.insets = new Insets(2, 0, 2, 0);
        c.add(value, v);
        row++;
        return this;
    }

    public Rows full(Component comp, int top, int bottom) {
        GridBagConstraints k = base();
        k.gridx = 0;
        k.gridwidth = 2;
        k.weightx = 1;
        k.insets = new Insets(top, 0, bottom, 0);
        c.add(comp, k);
        row++;
        return this;
    }

    /** A last row that takes the spare height, so the rows above stay at the top. */
    public void filler() {
        GridBagConstraints k = base();
        k.gridx = 0;
        k.gridwidth = 2;
        k.weighty = 1;
        JPanel p = new JPanel();
        p.setOpaque(false);
        c.add(p, k);
        row++;
    }

    private GridBagConstraints base() {
        GridBagConstraints k = new GridBagConstraints();
        k.gridy = row;
        k.anchor = GridBagConstraints.NORTHWEST;
        k.fill = GridBagConstraints.HORIZONTAL;
        return k;
    }
}
