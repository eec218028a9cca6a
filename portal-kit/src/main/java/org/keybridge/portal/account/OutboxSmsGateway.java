package org.keybridge.portal.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * <b>A demo SMS gateway: nothing is sent.</b> Each message is appended as one JSON line
 * {@code {"at", "to", "text", "gateway": "DEMO OUTBOX - not sent"}} to a local file, which the demo portal shows
 * under a clear "demo outbox" label. Never use it in production.
 */
public final class OutboxSmsGateway implements SmsGateway {
    public static final String LABEL = "DEMO OUTBOX - not sent";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as written to the outbox. */
    public record OutboxMessage(Instant at, String to, String text) {}

    private final Path file;
    private final Clock clock;

    public OutboxSmsGateway(Path file) {
        this(file, Clock.systemUTC());
    }

    public OutboxSmsGateway(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void send(String phone, String text) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            String line = JSON.writeValueAsString(Map.of("at", clock.instant().toString(), "to", phone, "text", text,
                    "gateway", LABEL)) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SMS outbox " + file, e);
        }
    }

    /** Every message in the outbox, oldest first (empty when nothing was sent yet). */
    public synchronized List<OutboxMessage> messages() {
        List<OutboxMessage> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                var n = JSON.readTree(line);
                out.add(new OutboxMessage(Instant.parse(n.get("at").asText()), n.get("to").asText(), n.get("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SMS outbox " + file, e);
        }
        return out;
    }
}
