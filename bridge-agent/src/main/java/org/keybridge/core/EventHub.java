package org.keybridge.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans agent events out to the transports' listeners (SSE streams, native-messaging ports). */
public final class EventHub {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; close the returned handle to remove it. */
    public AutoCloseable subscribe(Consumer<AgentEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(AgentEvent event) {
        for (Consumer<AgentEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.debug("event listener failed: {}", e.toString());
            }
        }
    }

    public int listenerCount() { return listeners.size(); }
}
