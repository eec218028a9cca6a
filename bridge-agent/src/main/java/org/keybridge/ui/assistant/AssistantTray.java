package org.keybridge.ui.assistant;

import java.awt.AWTException;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KeyBridge's tray icon, where the desktop has a tray: "Open assistant" (also a double click or a click on a
 * notification) and "Quit", and desktop notifications for reminders.
 */
public final class AssistantTray implements Notifier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AssistantTray.class);
    private final TrayIcon icon;

    private AssistantTray(TrayIcon icon) { this.icon = icon; }

    /** The tray icon, or empty when this desktop has no system tray (call on the event thread). */
    public static Optional<AssistantTray> install(Locale locale, Runnable open, Runnable quit) {
        if (!SystemTray.isSupported()) return Optional.empty();
        AssistantTexts t = new AssistantTexts(locale);
        PopupMenu menu = new PopupMenu();
        MenuItem openItem = new MenuItem(t.get("tray.open"));
        openItem.setName("tray.open");
        openItem.addActionListener(e -> open.run());
        MenuItem quitItem = new MenuItem(t.get("tray.quit"));
        quitItem.setName("tray.quit");
        quitItem.addActionListener(e -> quit.run());
        menu.add(openItem);
        menu.addSeparator();
        menu.add(quitItem);
        SystemTray tray = SystemTray.getSystemTray();
        int size = Math.max(16, tray.getTrayIconSize().height);
        TrayIcon icon = new TrayIcon(AssistantLook.icon(size), t.get("tray.tooltip"), menu);
        icon.setImageAutoSize(true);
        icon.addActionListener(e -> open.run()); // double click, or a click on a notification
        try {
            tray.add(icon);
        } catch (AWTException e) {
            log.info("no tray icon: {}", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new AssistantTray(icon));
    }

    public TrayIcon icon() { return icon; }

    @Override
    public void notify(String title, String text, Level level) {
        icon.displayMessage(title, text, switch (level) {
            case INFO -> TrayIcon.MessageType.INFO;
            case WARNING -> TrayIcon.MessageType.WARNING;
            case ERROR -> TrayIcon.MessageType.ERROR;
        });
    }

    @Override
    public void close() { SystemTray.getSystemTray().remove(icon); }
}
