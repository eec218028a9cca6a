package org.keybridge.ui.assistant;

import java.awt.EventQueue;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's face on the desktop: one assistant window at a time, the tray icon where there is a tray, and the
 * reminders (checked at start, when asked, and every few hours), sent to the tray or else to the open window.
 */
public final class AssistantDesktop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AssistantDesktop.class);

    private final AssistantServices services;
    private final ReminderService reminders;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread th = new Thread(r, "keybridge-reminders");
        th.setDaemon(true);
        return th;
    });
    private volatile Locale locale;
    private volatile AssistantWindow window;
    private volatile AssistantTray tray;

    public AssistantDesktop(AssistantServices services, ExpiryReminders expiry, Locale locale) {
        this.services = services;
        this.locale = locale;
        this.reminders = new ReminderService(services.tokens(), expiry, this::notifier, () -> this.locale);
        AssistantLook.install();
    }

    /** Opens the window, or brings the open one to the front; returns it (call from any thread). */
    public AssistantWindow openWindow(Runnable onClose) {
        Runnable open = () -> {
            AssistantWindow w = window;
            if (w != null && w.frame().isDisplayable()) {
                w.frame().toFront();
                w.refresh();
                return;
            }
            w = new AssistantWindow(services, locale, 3000);
            window = w;
            AssistantWindow opened = w;
            w.frame().addWindowListener(new java.awt.event.WindowAdapter() {
                @Override public void windowClosed(java.awt.event.WindowEvent e) {
                    locale = opened.locale();
                    window = null;
                    if (onClose != null) onClose.run();
                }
            });
            w.open();
        };
        if (EventQueue.isDispatchThread()) open.run();
        else {
            try {
                SwingUtilities.invokeAndWait(open);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return window;
    }

    /** The tray icon with "Open assistant" and "Quit"; false when the desktop has no tray. */
    public boolean installTray(Runnable quit) {
        try {
            SwingUtilities.invokeAndWait(() -> tray = AssistantTray.install(locale, () -> openWindow(null), quit).orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.lang.reflect.InvocationTargetException e) {
            log.info("no tray icon: {}", e.getCause().toString());
        }
        return tray != null;
    }

    public Optional<AssistantTray> tray() { return Optional.ofNullable(tray); }

    /** Checks the reminders now and then every {@code every}. */
    public void startReminders(Duration every) {
        timer.scheduleWithFixedDelay(this::checkReminders, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks the reminders once (a key was inserted, or the timer fired); on the reminders' thread. */
    public void checkRemindersSoon() { timer.execute(this::checkReminders); }

    private void checkReminders() {
        try {
            reminders.check();
        } catch (RuntimeException e) {
            log.warn("reminders: {}", e.toString());
        }
    }

    /** The tray when there is one, else the open window's notice line, else the log. */
    private Notifier notifier() {
        AssistantTray t = tray;
        if (t != null) return t;
        AssistantWindow w = window;
        if (w != null) return (title, text, level) -> SwingUtilities.invokeLater(() -> w.notify(title, text, level));
        return (title, text, level) -> log.info("{}: {}", title, text);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        AssistantTray t = tray;
        if (t != null) SwingUtilities.invokeLater(t::close);
    }
}
