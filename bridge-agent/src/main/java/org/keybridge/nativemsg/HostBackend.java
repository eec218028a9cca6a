package org.keybridge.nativemsg;

import java.time.Duration;
import java.util.function.BiFunction;
import org.keybridge.core.AgentCore;
import org.keybridge.core.EventHub;
import org.keybridge.core.TokenWatcher;
import org.keybridge.token.TokenDriver;

/** What the host serves: the agent core over opened PKCS#11 modules, opened in the background after the hello. */
public interface HostBackend extends AutoCloseable {
    AgentCore core();

    /** Starts publishing token events on {@code core().events()}; calling it again does nothing. */
    void watchTokens();

    @Override
    void close();

    /** The backend over a token driver, polling the tokens every {@code poll} once events are asked for. */
    static HostBackend of(TokenDriver driver, AgentCore core, Duration poll) { return of(driver, core, poll, null); }

    /**
     * As above, and with {@code cards} (given the hub and the token watcher's wake-up) the card readers' events too,
     * from the same moment.
     */
    static HostBackend of(TokenDriver driver, AgentCore core, Duration poll,
                          BiFunction<EventHub, Runnable, AutoCloseable> cards) {
        return new HostBackend() {
            private TokenWatcher watcher;
            private AutoCloseable cardWatch;

            @Override
            public AgentCore core() { return core; }

            @Override
            public synchronized void watchTokens() {
                if (watcher == null) watcher = new TokenWatcher(driver, core.events(), poll);
                if (cardWatch == null && cards != null) cardWatch = cards.apply(core.events(), watcher::wake);
            }

            @Override
            public synchronized void close() {
                if (cardWatch != null) {
                    try {
                        cardWatch.close();
                    } catch (Exception e) {
                        // the watcher thread ends with the process anyway
                    }
                }
                if (watcher != null) watcher.close();
                driver.close();
            }
        };
    }
}
