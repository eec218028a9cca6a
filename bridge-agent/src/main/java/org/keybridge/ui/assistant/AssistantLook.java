package org.keybridge.ui.assistant;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.UIManager;
import javax.swing.plaf.FontUIResource;
import org.keybridge.ui.SwingInteraction;

/**
 * The assistant's look: FlatLaf's light theme (a current flat look instead of Metal, one jar without dependencies)
 * with a font that can show all three languages — the logical "Dialog" font where fontconfig gives it CJK glyphs,
 * else an installed CJK family — and KeyBridge's icon, drawn here so no image file has to ship.
 */
public final class AssistantLook {
    private static boolean installed;

    private AssistantLook() {}

    /** Installs the look and feel once, before the first window; later calls do nothing. */
    public static synchronized void install() {
        if (installed) return;
        installed = true;
        if (System.getProperty("awt.useSystemAAFontSettings") == null) System.setProperty("awt.useSystemAAFontSettings", "on");
        FlatLightLaf.setup();
        String family = SwingInteraction.Fonts.familyFor(AssistantTexts.allTexts());
        UIManager.put("defaultFont", new FontUIResource(family, Font.PLAIN, 13));
        UIManager.put("TabbedPane.tabHeight", 34);
        UIManager.put("Button.arc", 8);
        UIManager.put("Component.arc", 8);
    }

    /** A blue rounded square with a white key, {@code size} pixels wide. */
    public static BufferedImage icon(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x0b57d0));
        g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
        g.setColor(Color.WHITE);
        float s = size / 16f;
        g.setStroke(new BasicStroke(Math.max(1.5f, 1.6f * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawOval(Math.round(2.5f * s), Math.round(4.5f * s), Math.round(6 * s), Math.round(6 * s)); // the bow
        g.drawLine(Math.round(8.5f * s), Math.round(7.5f * s), Math.round(13.5f * s), Math.round(7.5f * s)); // the shaft
        g.drawLine(Math.round(12 * s), Math.round(7.5f * s), Math.round(12 * s), Math.round(10 * s)); // the bit
        g.drawLine(Math.round(10 * s), Math.round(7.5f * s), Math.round(10 * s), Math.round(9.5f * s));
        g.dispose();
        return img;
    }
}
