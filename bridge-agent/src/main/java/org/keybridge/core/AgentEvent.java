package org.keybridge.core;

import java.util.Map;

/**
 * Something the pages may want to know: {@code token-inserted}, {@code token-removed}, {@code certificate-expiring}.
 *
 * @param event the event name
 * @param data non-secret details (token label and serial, certificate id and end date)
 */
public record AgentEvent(String event, Map<String, String> data) {
    public AgentEvent {
        data = Map.copyOf(data);
    }
}
