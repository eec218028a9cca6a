package org.keybridge.demoportal.hall;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * INTERIM demo SMS gateway: every message is appended as one JSON line to a file instead of being sent, and the demo
 * shows that file on its "demo SMS outbox" page. (portal-kit's OutboxSmsGateway replaces it.)
 */
public final class SmsOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Sms(Instant at, String phone, String text) {}

    private final Path file;
    private final Clock clock;

    public SmsOutbox(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public synchronized void send(String phone, String text) throws IOException {
        String line = JSON.writeValueAsString(Map.of("at", clock.instant().toString(), "phone", phone, "text", text));
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The messages, newest first. */
    public synchronized List<Sms> messages() throws IOException {
        if (!Files.exists(file)) return List.of();
        List<Sms> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            var n = JSON.readTree(line);
            out.add(new Sms(Instant.parse(n.get("at").asText()), n.get("phone").asText(), n.get("text").asText()));
        }
        Collections.reverse(out);
        return out;
    }
}
