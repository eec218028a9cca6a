package org.keybridge.portal.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keybridge.portal.auth.AuthTokenException;
import org.keybridge.portal.auth.NonceExpiredException;
import org.keybridge.portal.auth.NoncePurposeMismatchException;
import org.keybridge.portal.auth.NonceSessionMismatchException;
import org.keybridge.portal.auth.NonceUnknownException;

class ChallengeStoreTest {

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(Duration d) { now = now.plus(d); }
    }

    final MutableClock clock = new MutableClock();
    final ChallengeStore store = ChallengeStore.builder().clock(clock).build();

    @Test
    void issuedNonceIs44CharactersAndConsumesOnce() throws Exception {
        ChallengeNonce n = store.issue("s1", Purpose.LOGIN);
        assertThat(n.value()).hasSize(44);
        assertThat(n.bytes()).hasSize(32);
        store.consume("s1", Purpose.LOGIN, n.value());
        assertThat(store.size()).isZero();
    }

    @Test
    void replayedNonceIsUnknown() throws Exception {
        ChallengeNonce n = store.issue("s1", Purpose.LOGIN);
        store.consume("s1", Purpose.LOGIN, n.value());
        assertThatThrownBy(() -> store.consume("s1", Purpose.LOGIN, n.value()))
                .isInstanceOf(NonceUnknownException.class)
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo("NONCE_UNKNOWN"));
    }

    @Test
    void neverIssuedNonceIsUnknown() {
        String forged = ChallengeNonce.generate(new java.security.SecureRandom()).value();
        assertThatThrownBy(() -> store.consume("s1", Purpose.LOGIN, forged)).isInstanceOf(NonceUnknownException.class);
        assertThatThrownBy(() -> store.consume("s1", Purpose.LOGIN, null)).isInstanceOf(NonceUnknownException.class);
    }

    @Test
    void expiredNonce() {
        ChallengeNonce n = store.issue("s1", Purpose.LOGIN);
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> store.consume("s1", Purpose.LOGIN, n.value()))
                .isInstanceOf(NonceExpiredException.class)
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo("NONCE_EXPIRED"));
    }

    @Test
    void justBeforeExpiryIsAccepted() throws Exception {
        ChallengeNonce n = store.issue("s1", Purpose.LOGIN);
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        store.consume("s1", Purpose.LOGIN, n.value());
    }

    @Test
    void lifetimeIsConfigurable() {
        ChallengeStore shortLived = ChallengeStore.builder().clock(clock).lifetime(Duration.ofSeconds(30)).build();
        ChallengeNonce n = shortLived.issue("s1", Purpose.LOGIN);
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> shortLived.consume("s1", Purpose.LOGIN, n.value())).isInstanceOf(NonceExpiredException.class);
    }

    @Test
    void nonceOfAnotherSession() {
        ChallengeNonce n = store.issue("attacker", Purpose.LOGIN);
        assertThatThrownBy(() -> store.consume("victim", Purpose.LOGIN, n.value()))
                .isInstanceOf(NonceSessionMismatchException.class)
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo("NONCE_SESSION_MISMATCH"));
        // spent by the failed attempt
        assertThatThrownBy(() -> store.consume("attacker", Purpose.LOGIN, n.value())).isInstanceOf(NonceUnknownException.class);
    }

    @Test
    void nonceOfAnotherPurpose() {
        ChallengeNonce login = store.issue("s1", Purpose.LOGIN);
        assertThatThrownBy(() -> store.consume("s1", Purpose.BIND, login.value()))
                .isInstanceOf(NoncePurposeMismatchException.class)
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo("NONCE_PURPOSE_MISMATCH"));
        ChallengeNonce bind = store.issue("s1", Purpose.BIND);
        assertThatThrownBy(() -> store.consume("s1", Purpose.LOGIN, bind.value()))
                .isInstanceOf(NoncePurposeMismatchException.class);
    }

    @Test
    void expiredNoncesAreSweptAfterAGracePeriod() {
        for (int i = 0; i < 50; i++) store.issue("s" + i, Purpose.LOGIN);
        assertThat(store.size()).isEqualTo(50);
        clock.advance(Duration.ofMinutes(10));
        ChallengeNonce fresh = store.issue("new", Purpose.LOGIN);
        assertThat(store.size()).isEqualTo(1);
        assertThat(fresh).isNotNull();
    }

    @Test
    void perSessionCapDropsTheOldest() throws Exception {
        ChallengeStore capped = ChallengeStore.builder().clock(clock).maxPerSession(3).build();
        ChallengeNonce first = capped.issue("s1", Purpose.LOGIN);
        List<ChallengeNonce> rest = new ArrayList<>();
        for (int i = 0; i < 3; i++) rest.add(capped.issue("s1", Purpose.LOGIN));
        assertThat(capped.size()).isEqualTo(3);
        assertThatThrownBy(() -> capped.consume("s1", Purpose.LOGIN, first.value())).isInstanceOf(NonceUnknownException.class);
        for (ChallengeNonce n : rest) capped.consume("s1", Purpose.LOGIN, n.value());
    }

    @Test
    void totalCapDropsTheOldest() {
        ChallengeStore capped = ChallengeStore.builder().clock(clock).maxTotal(10).build();
        for (int i = 0; i < 100; i++) capped.issue("s" + i, Purpose.LOGIN);
        assertThat(capped.size()).isEqualTo(10);
    }

    @Test
    void concurrentConsumeSucceedsExactlyOnce() throws Exception {
        ChallengeStore real = new ChallengeStore();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                ChallengeNonce n = real.issue("s1", Purpose.LOGIN);
                AtomicInteger ok = new AtomicInteger();
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    fs.add(pool.submit(() -> {
                        try {
                            real.consume("s1", Purpose.LOGIN, n.value());
                            ok.incrementAndGet();
                        } catch (AuthTokenException e) {
                            assertThat(e).isInstanceOf(NonceUnknownException.class);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) f.get();
                assertThat(ok.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
