package org.keybridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.CertificateExpiredException;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/** The operations against the SoftHSM demo keys, through the fault module that counts every C_Login. */
class AgentCoreTest {
    static final String ORIGIN = "https://si.example.gov.cn";
    static final String NONCE = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
    @TempDir static Path work;
    static DemoKeys.DemoKeySet keys;
    static Path control, counts;
    static TokenDriver driver;
    static final List<PinDialog> dialogs = new ArrayList<>();
    static AgentCore core;

    @BeforeAll
    static void open() {
        keys = TestKeys.fresh("core");
        control = work.resolve("faults");
        counts = work.resolve("calls");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)), DriverOptions.defaults());
        core = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), demoPins(), "0.1.0");
    }

    /** The demo keys' PINs, each dialog recorded; the first certificate offered is picked. */
    static UserInteraction demoPins() {
        return new UserInteraction() {
            @Override
            public Optional<String> chooseCertificate(CertificateChoice choice) {
                return Optional.of(choice.certificates().get(0).id());
            }

            @Override
            public char[] askPin(PinDialog dialog) {
                dialogs.add(dialog);
                return keys.token(dialog.tokenLabel()).userPin().toCharArray();
            }
        };
    }

    @AfterAll
    static void close() { driver.close(); }

    @BeforeEach
    void reset() throws Exception {
        dialogs.clear();
        Files.deleteIfExists(counts);
        Files.deleteIfExists(control);
    }

    static RequestContext ctx(String origin) { return new RequestContext(origin, "test"); }

    @Test
    void authenticateSignsOriginAndNonceHashesWithTheValidTaxKey() throws Exception {
        AuthToken t = core.authenticate(ctx(ORIGIN), new Results.AuthenticateRequest(NONCE, null, "zh-CN"));
        assertThat(t.format()).isEqualTo("web-eid:1.0");
        assertThat(t.algorithm()).isEqualTo("ES256");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(t.unverifiedCertificate())));
        assertThat(cert).isEqualTo(keys.token(DemoKeys.TAX_LABEL).certificate());
        assertThat(verify(cert, t, ORIGIN, NONCE)).isTrue();
        assertThat(verify(cert, t, "https://evil.example", NONCE)).isFalse();
        assertThat(dialogs).singleElement().satisfies(d -> {
            assertThat(d.origin()).isEqualTo(ORIGIN);
            assertThat(d.purpose()).isEqualTo(Purpose.LOGIN);
            assertThat(d.locale().getLanguage()).isEqualTo("zh");
        });
        assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(1);
    }

    @Test
    void expiredSocialSecurityCertificateIsRefusedWithItsDetailsAndNoLogin() {
        String ss = keys.token(DemoKeys.SOCIAL_SECURITY_LABEL).certificateId();
        assertThatThrownBy(() -> core.authenticate(ctx(ORIGIN), new Results.AuthenticateRequest(NONCE, ss, "es")))
                .isInstanceOfSatisfying(CertificateExpiredException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_EXPIRED);
                    assertThat(e.certificate().id()).isEqualTo(ss);
                    assertThat(AgentCore.errorObject(e, java.util.Locale.forLanguageTag("es")))
                            .containsEntry("code", "CERTIFICATE_EXPIRED").containsKey("certificate");
                });
        assertThat(dialogs).isEmpty();
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
    }

    @Test
    void bindCertificateReturnsATokenForTheTaxKeyAndSaysBind() throws Exception {
        AuthToken t = core.bindCertificate(ctx(ORIGIN), new Results.BindRequest(NONCE, "en"));
        assertThat(verify(keys.token(DemoKeys.TAX_LABEL).certificate(), t, ORIGIN, NONCE)).isTrue();
        assertThat(dialogs).singleElement().satisfies(d -> assertThat(d.purpose()).isEqualTo(Purpose.BIND));
    }

    @Test
    void originNotOnTheListIsRefusedBeforeTouchingTheToken() {
        for (String bad : new String[] {"https://evil.example", "null", null, "https://si.example.gov.cn/", "http://si.example.gov.cn"}) {
            assertThatThrownBy(() -> core.authenticate(ctx(bad), new Results.AuthenticateRequest(NONCE, null, null)))
                    .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORIGIN_NOT_ALLOWED));
            assertThatThrownBy(() -> core.status(ctx(bad)))
                    .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORIGIN_NOT_ALLOWED));
        }
        assertThat(TestKeys.calls(counts, "C_OpenSession")).isZero();
        assertThat(dialogs).isEmpty();
    }

    @Test
    void aPortalOriginAsksOnlyForTheOperationsItsPortalAllowsAndNothingElseTouchesTheToken() throws Exception {
        String limited = "https://login-only.example.gov.cn";
        AgentCore core2 = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN, limited), false,
                java.util.Map.of(limited, java.util.EnumSet.of(Operation.AUTHENTICATE)), java.util.Map.of()), demoPins(), "0.1.0");
        assertThatThrownBy(() -> core2.bindCertificate(ctx(limited), new Results.BindRequest(NONCE, null)))
                .isInstanceOfSatisfying(KeyBridgeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ORIGIN_NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("bind-certificate");
                });
        assertThatThrownBy(() -> core2.certificates(ctx(limited), "en")).isInstanceOfSatisfying(KeyBridgeException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ORIGIN_NOT_ALLOWED));
        assertThatThrownBy(() -> core2.status(ctx(limited))).isInstanceOfSatisfying(KeyBridgeException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ORIGIN_NOT_ALLOWED));
        assertThat(dialogs).isEmpty();
        assertThat(Files.exists(counts) ? Files.readAllLines(counts) : List.<String>of()).as("PKCS#11 calls").isEmpty();

        AuthToken t = core2.authenticate(ctx(limited), new Results.AuthenticateRequest(NONCE, null, "en"));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(t.unverifiedCertificate())));
        assertThat(verify(cert, t, limited, NONCE)).isTrue();
        // an origin the map does not name (the administrator's) may ask for everything
        assertThat(core2.bindCertificate(ctx(ORIGIN), new Results.BindRequest(NONCE, null)).signature()).isNotBlank();
    }

    @Test
    void aPortalIsOfferedOnlyCertificatesFromTheCasItAccepts() throws Exception {
        String ssOnly = "https://shebao-only.example.gov.cn", none = "https://other-ca.example.gov.cn";
        java.util.regex.Pattern ssCa = java.util.regex.Pattern.compile("^CN=Demo Social Security CA,");
        java.util.regex.Pattern otherCa = java.util.regex.Pattern.compile("^CN=Some Other CA,");
        AgentCore core2 = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN, ssOnly, none), false, java.util.Map.of(),
                java.util.Map.of(ssOnly, List.of(ssCa), none, List.of(otherCa))), demoPins(), "0.1.0");
        // the social-security CA alone: its certificate has expired, so the rebind flow, not a login with the tax key
        assertThatThrownBy(() -> core2.authenticate(ctx(ssOnly), new Results.AuthenticateRequest(NONCE, null, "en")))
                .isInstanceOfSatisfying(CertificateExpiredException.class,
                        e -> assertThat(e.certificate().tokenLabel()).isEqualTo(DemoKeys.SOCIAL_SECURITY_LABEL));
        // a CA no inserted key comes from: nothing offered, nobody asked for a PIN
        assertThatThrownBy(() -> core2.bindCertificate(ctx(none), new Results.BindRequest(NONCE, null)))
                .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CERTIFICATE));
        assertThat(dialogs).isEmpty();
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
        // without patterns for the origin: the tax key, as before
        assertThat(core2.authenticate(ctx(ORIGIN), new Results.AuthenticateRequest(NONCE, null, "en")).algorithm()).isEqualTo("ES256");
    }

    @Test
    void badNoncesAreBadRequestWithoutLogin() {
        for (String n : new String[] {null, "short", "A".repeat(129), "A".repeat(43) + "*"}) {
            assertThatThrownBy(() -> core.authenticate(ctx(ORIGIN), new Results.AuthenticateRequest(n, null, null)))
                    .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
    }

    @Test
    void certificatesListsBothWithStatusAndUscc() {
        var list = core.certificates(ctx(ORIGIN), "en").certificates();
        assertThat(list).extracting(Results.CertificateInfo::status).containsExactlyInAnyOrder("EXPIRED", "VALID");
        assertThat(list).allSatisfy(c -> assertThat(c.uscc()).hasSize(18));
        assertThat(core.status(ctx(ORIGIN)).tokens()).hasSize(2);
    }

    @Test
    void statusReportsTheVersionCommitAndCatalogItWasGiven() {
        UserInteraction never = new UserInteraction() { // status asks the user nothing
            @Override
            public Optional<String> chooseCertificate(CertificateChoice choice) { throw new AssertionError("asked"); }

            @Override
            public char[] askPin(PinDialog dialog) { throw new AssertionError("asked"); }
        };
        AgentCore stamped = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), never,
                new AgentVersion("9.8.7", "abc1234", "2026.11.1"));
        Results.Status s = stamped.status(ctx(ORIGIN));
        assertThat(s.version()).isEqualTo("9.8.7");
        assertThat(s.commit()).isEqualTo("abc1234");
        assertThat(s.catalogVersion()).isEqualTo("2026.11.1");
        assertThat(s.protocol()).isEqualTo(AgentCore.PROTOCOL);
        // a core given a version alone says it knows no more
        assertThat(core.status(ctx(ORIGIN)).commit()).isEqualTo(AgentVersion.UNKNOWN);
    }

    static boolean verify(X509Certificate cert, AuthToken t, String origin, String nonce) throws Exception {
        SignatureAlgorithm alg = SignatureAlgorithm.byName(t.algorithm());
        Signature v = Signature.getInstance(alg.keyType() == org.keybridge.format.KeyType.EC
                ? alg.hash().replace("-", "") + "withECDSAinP1363Format" : alg.hash().replace("-", "") + "withRSA");
        v.initVerify(cert.getPublicKey());
        v.update(AuthTokenFormat.signedData(alg, origin, nonce));
        return v.verify(Base64.getDecoder().decode(t.signature()));
    }
}
