package org.keybridge.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the inserted tokens and publishes token-inserted, token-removed and (once per certificate)
 * certificate-expiring. Polling C_GetSlotList works with every module; it never re-initializes a module by itself,
 * so it cannot disturb a login in progress.
 */
public final class TokenWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenWatcher.class);

    private final TokenDriver driver;
    private final EventHub hub;
    private final ScheduledExecutorService timer;
    private volatile Map<String, Token> present = new HashMap<>();
    private volatile long polledAt = System.nanoTime();
    private final Set<String> warnedExpiring = new HashSet<>();

    public TokenWatcher(TokenDriver driver, EventHub hub, Duration interval) {
        this.driver = driver;
        this.hub = hub;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keybridge-token-watcher");
            t.setDaemon(true);
            return t;
        });
        present = snapshot();
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Map<String, Token> snapshot() {
        Map<String, Token> m = new HashMap<>();
        try {
            for (Token t : driver.tokens()) m.put(t.module() + "/" + t.serialNumber(), t);
        } catch (RuntimeException e) {
            log.debug("token poll: {}", e.toString());
        }
        return m;
    }

    synchronized void poll() {
        Map<String, Token> now = snapshot();
        for (var e : now.entrySet()) {
            if (!present.containsKey(e.getKey())) hub.publish(event("token-inserted", e.getValue()));
            for (TokenCertificate c : e.getValue().certificates()) {
                if (c.status() == CertificateStatus.EXPIRING_SOON && warnedExpiring.add(c.id())) {
                    hub.publish(new AgentEvent("certificate-expiring", Map.of("certificateId", c.id(),
                            "tokenLabel", c.tokenLabel(), "notAfter", c.notAfter().toString())));
                }
            }
        }
        for (var e : present.entrySet()) {
            if (!now.containsKey(e.getKey())) hub.publish(event("token-removed", e.getValue()));
        }
        present = now;
        polledAt = System.nanoTime();
    }

    /** Polls now rather than at the next tick (a card was just inserted or removed). */
    public void wake() {
        try {
            timer.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    /**
     * The certificates of the last poll when it is at most {@code maxAgeMillis} old, else a fresh listing: the agent
     * chooses a certificate from this instead of listing every token again for each request. A key pulled out since
     * the poll makes the login fail with TOKEN_REMOVED or NO_CERTIFICATE, as it would a moment later anyway.
     */
    public List<TokenCertificate> certificates(long maxAgeMillis) {
        if (System.nanoTime() - polledAt > maxAgeMillis * 1_000_000L) return driver.certificates();
        return present.values().stream().flatMap(t -> t.certificates().stream()).toList();
    }

    private static AgentEvent event(String name, Token t) {
        return new AgentEvent(name, Map.of("tokenLabel", t.label(), "serialNumber", t.serialNumber()));
    }

    @Override
    public void close() { timer.shutdownNow(); }
}
