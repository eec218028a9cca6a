package org.keybridge.ui.assistant;

/** Where reminders go: the tray's desktop notification, or the assistant window's notice line without a tray. */
@FunctionalInterface
public interface Notifier {
    enum Level { INFO, WARNING, ERROR }

    void notify(String title, String text, Level level);
}
