package org.keybridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.PinException;
import org.keybridge.format.AuthToken;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.auth.AuthTokenException;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.auth.ValidatedToken;
import org.keybridge.portal.challenge.ChallengeNonce;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/** The agent with an SM2 key on the software UKey (SKF): its login token, checked by portal-kit; PINs; events. */
class AgentSm2Test {
    static final String ORIGIN = "https://etax.example.gov.cn";
    static TestKeys.SoftUKey key;
    static TokenDriver driver;
    static volatile String pin;
    static AgentCore core;

    @BeforeAll
    static void open() {
        key = TestKeys.softUKey("agent");
        driver = TokenDriver.open(List.of(), List.of(key.spec()), DriverOptions.defaults());
        pin = key.token().userPin();
        core = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), new UserInteraction() {
            @Override
            public Optional<String> chooseCertificate(CertificateChoice choice) {
                return choice.certificates().stream().filter(c -> c.tokenLabel().equals(key.token().label()))
                        .map(c -> c.id()).findFirst();
            }

            @Override
            public char[] askPin(PinDialog dialog) { return pin.toCharArray(); }
        }, "0.1.0");
    }

    @AfterAll
    static void close() { driver.close(); }

    static AuthTokenValidator validator() {
        return AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(key.pki().sm2Tax().issuing()).build();
    }

    @Test
    void certificatesOfferTheSigningCertificateOnlyAndItsSm2Key() {
        var certs = core.certificates(new RequestContext(ORIGIN, "test"), "en").certificates().stream()
                .filter(c -> c.tokenLabel().equals(key.token().label())).toList();
        assertThat(certs).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(key.token().certificateId());
            assertThat(c.keyType()).isEqualTo("SM2");
        });
    }

    @Test
    void sm2LoginTokenValidatesWithPortalKitAndNotForAnotherOrigin() throws Exception {
        String nonce = ChallengeNonce.generate(new SecureRandom()).value();
        AuthToken t = core.authenticate(new RequestContext(ORIGIN, "test"),
                new Results.AuthenticateRequest(nonce, key.token().certificateId(), "zh-CN"));
        assertThat(t.algorithm()).isEqualTo("SM2SM3");
        assertThat(java.util.Base64.getDecoder().decode(t.signature())).hasSize(64);
        ValidatedToken v = validator().validate(t, nonce);
        assertThat(v.algorithm()).isEqualTo(SignatureAlgorithm.SM2SM3);
        assertThat(v.uscc()).isEqualTo("91440300MA5KBD018E");
        AuthTokenValidator elsewhere = AuthTokenValidator.builder().origin("https://other.example.cn")
                .trustedCertificates(key.pki().sm2Tax().issuing()).build();
        assertThatThrownBy(() -> elsewhere.validate(t, nonce)).isInstanceOfSatisfying(AuthTokenException.class,
                e -> assertThat(e.code()).isEqualTo("SIGNATURE_INVALID"));
        AuthTokenValidator otherCa = AuthTokenValidator.builder().origin(ORIGIN)
                .trustedCertificates(key.pki().tax().issuing()).build();
        assertThatThrownBy(() -> otherCa.validate(t, nonce)).isInstanceOfSatisfying(AuthTokenException.class,
                e -> assertThat(e.code()).isEqualTo("CERTIFICATE_UNTRUSTED"));
    }

    @Test
    void sm2LoginTokenThroughAPkcs11VendorMechanismValidatesWithPortalKit() throws Exception {
        try (TokenDriver p11 = TokenDriver.open(List.of(TestKeys.p11sm2(key, java.util.Map.of("CKM_SM2_SIGN_NO_DER", 0x80008105L))),
                DriverOptions.defaults())) {
            AgentCore viaP11 = new AgentCore(p11, new OriginPolicy(Set.of(ORIGIN), false), new UserInteraction() {
                @Override
                public Optional<String> chooseCertificate(CertificateChoice choice) { return Optional.empty(); }

                @Override
                public char[] askPin(PinDialog dialog) { return key.token().userPin().toCharArray(); }
            }, "0.1.0");
            String nonce = ChallengeNonce.generate(new SecureRandom()).value();
            AuthToken t = viaP11.authenticate(new RequestContext(ORIGIN, "test"), new Results.AuthenticateRequest(nonce, null, "es"));
            assertThat(t.algorithm()).isEqualTo("SM2SM3");
            assertThat(validator().validate(t, nonce).uscc()).isEqualTo("91440300MA5KBD018E");
        }
    }

    @Test
    void wrongPinIsPinIncorrectWithTriesLeft() {
        pin = "111111".equals(key.token().userPin()) ? "222222" : "111111";
        try {
            String nonce = ChallengeNonce.generate(new SecureRandom()).value();
            assertThatThrownBy(() -> core.authenticate(new RequestContext(ORIGIN, "test"),
                    new Results.AuthenticateRequest(nonce, key.token().certificateId(), "en")))
                    .isInstanceOfSatisfying(PinException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                        assertThat(e.triesLeft()).isEqualTo(5);
                    });
        } finally {
            pin = key.token().userPin();
        }
        // the right PIN resets the counter
        String nonce = ChallengeNonce.generate(new SecureRandom()).value();
        core.authenticate(new RequestContext(ORIGIN, "test"), new Results.AuthenticateRequest(nonce, key.token().certificateId(), "en"));
        assertThat(driver.tokens().stream().filter(t -> t.label().equals(key.token().label())).findFirst().orElseThrow()
                .pinState().flags()).isEmpty();
    }

    @Test
    void pullingTheUKeyOutAndBackAreAgentEvents() throws Exception {
        TestKeys.SoftUKey other = TestKeys.softUKey("agent-events");
        EventHub hub = new EventHub();
        BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
        Path away = other.deviceDir().getParent().resolveSibling(other.deviceDir().getParent().getFileName() + "-agent-out");
        // a long poll interval: the SKF device event, not the timer, must bring the news
        try (TokenWatcher w = new TokenWatcher(driver, hub, Duration.ofSeconds(60)); AutoCloseable s = hub.subscribe(events::add)) {
            Thread.sleep(300);
            Files.move(other.deviceDir(), away);
            AgentEvent removed = events.poll(5, TimeUnit.SECONDS);
            assertThat(removed).isNotNull();
            assertThat(removed.event()).isEqualTo("token-removed");
            assertThat(removed.data()).containsEntry("tokenLabel", other.token().label());
            Files.move(away, other.deviceDir());
            AgentEvent inserted = events.poll(5, TimeUnit.SECONDS);
            assertThat(inserted).isNotNull();
            assertThat(inserted.event()).isEqualTo("token-inserted");
            assertThat(inserted.data()).containsEntry("tokenLabel", other.token().label());
        }
    }
}
