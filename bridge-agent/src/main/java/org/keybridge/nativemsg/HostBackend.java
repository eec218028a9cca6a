package org.keybridge.nativemsg;

import java.time.Duration;
import org.keybridge.core.AgentCore;
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
    static HostBackend of(TokenDriver driver, AgentCore core, Duration poll) {
        return new HostBackend() {
            private TokenWatcher watcher;

            @Override
            public AgentCore core() { return core; }

            @Override
            public synchronized void watchTokens() {
                if (watcher == null) watcher = new TokenWatcher(driver, core.events(), poll);
            }

            @Override
            public synchronized void close() {
                if (watcher != null) watcher.close();
                driver.close();
            }
        };
    }
}
