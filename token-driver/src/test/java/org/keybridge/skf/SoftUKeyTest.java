package org.keybridge.skf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.error.PinException;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.KeyType;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.format.Sm2;
import org.keybridge.testkeys.Sm2Check;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.CertificateFacts;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.EcdsaEncoding;
import org.keybridge.token.PinFlag;
import org.keybridge.token.SigningSession;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import org.junit.jupiter.api.Test;

/** The SKF path end to end on the software UKey (native/skfsoft.c over OpenSSL's SM2), through KeyBridge's binding. */
class SoftUKeyTest {
    static final String NONCE = Sm2Check.NONCE;

    static TokenDriver driver(SkfModuleSpec spec) {
        return TokenDriver.open(List.of(), List.of(spec), DriverOptions.defaults());
    }

    static TokenCertificate signingCertificate(TokenDriver d, TestKeys.SoftUKey key) {
        return d.certificates().stream().filter(c -> c.id().equals(key.token().certificateId())).findFirst().orElseThrow();
    }

    static boolean verifies(java.security.cert.X509Certificate cert, byte[] data, byte[] der, String id) throws Exception {
        return Sm2Check.verifies(cert, data, der, id);
    }

    @Test
    void listsTheSigningAndEncryptionCertificatesOfTheContainer() {
        TestKeys.SoftUKey key = TestKeys.softUKey("list");
        try (TokenDriver d = driver(key.spec())) {
            Token t = d.tokens().stream().filter(x -> x.label().equals(key.token().label())).findFirst().orElseThrow();
            assertThat(t.manufacturer()).isEqualTo("KeyBridge skfsoft");
            assertThat(t.pinState().flags()).isEmpty();
            assertThat(t.certificates()).hasSize(2);
            TokenCertificate sign = signingCertificate(d, key);
            assertThat(sign.keyType()).isEqualTo(KeyType.SM2);
            assertThat(sign.curve()).isEqualTo("SM2");
            assertThat(sign.hasPrivateKey()).isTrue();
            assertThat(sign.objectId()).isEqualTo("TAXCA-APP/SM2-LOGIN");
            assertThat(sign.uscc()).isEqualTo("91440300MA5KBD018E");
            assertThat(sign.keyUsage()).containsExactly("digitalSignature");
            assertThat(sign.signatureAlgorithms()).containsExactly(SignatureAlgorithm.SM2SM3);
            TokenCertificate enc = t.certificates().stream().filter(c -> c != sign && !c.id().equals(sign.id()))
                    .findFirst().orElseThrow();
            assertThat(enc.hasPrivateKey()).isFalse();
            assertThat(enc.keyUsage()).contains("keyEncipherment");
        }
    }

    @Test
    void loginTokenSignatureVerifiesWithBouncyCastleAndTheUserIdWhoeverComputesZ() throws Exception {
        TestKeys.SoftUKey key = TestKeys.softUKey("sign");
        byte[] data = AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, "https://portal.example.cn", NONCE);
        for (SkfModuleSpec.ZBy zBy : SkfModuleSpec.ZBy.values()) {
            SkfModuleSpec spec = new SkfModuleSpec(key.spec().name(), key.spec().library(), key.spec().environment(), 4,
                    null, zBy);
            try (TokenDriver d = driver(spec); SigningSession s = d.login(signingCertificate(d, key),
                    r -> key.token().userPin().toCharArray())) {
                byte[] raw = s.sign(SignatureAlgorithm.SM2SM3, data);
                assertThat(raw).as("raw r||s").hasSize(64);
                byte[] der = SigningSession.rawToDer(raw);
                assertThat(verifies(key.token().certificate(), data, der, Sm2.DEFAULT_USER_ID)).as("Z by " + zBy).isTrue();
                assertThat(verifies(key.token().certificate(), data, der, "")).as("another user ID").isFalse();
                data[0] ^= 1;
                assertThat(verifies(key.token().certificate(), data, der, Sm2.DEFAULT_USER_ID)).as("tampered").isFalse();
                data[0] ^= 1;
                assertThat(s.sign(SignatureAlgorithm.SM2SM3, data, EcdsaEncoding.DER)[0]).isEqualTo((byte) 0x30);
                assertThatThrownBy(() -> s.sign(SignatureAlgorithm.ES256, data))
                        .extracting(e -> ((KeyBridgeException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MECHANISM);
            }
        }
    }

    @Test
    void aVendorBuildWithA64BitUlongWorksWhenTheModuleSaysSo() throws Exception {
        TestKeys.SoftUKey key = TestKeys.softUKey("ulong64");
        // the same store through the build whose ULONG is the native unsigned long (8 bytes on LP64 Linux)
        SkfModuleSpec wide = new SkfModuleSpec("wide", TestKeys.nativeBuild("libskfsoft-ulong64.so").toString(),
                key.spec().environment(), 8, null, null);
        byte[] data = AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, "https://portal.example.cn", NONCE);
        try (TokenDriver d = driver(wide)) {
            // ULONG out-parameters read at the right width: the retry counter comes back as 5, not garbage
            assertThatThrownBy(() -> d.login(signingCertificate(d, key), r -> "000000".toCharArray()))
                    .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.triesLeft()).isEqualTo(5));
        }
        try (TokenDriver d = driver(wide); SigningSession s = d.login(signingCertificate(d, key),
                r -> key.token().userPin().toCharArray())) {
            byte[] der = s.sign(SignatureAlgorithm.SM2SM3, data, EcdsaEncoding.DER);
            assertThat(verifies(key.token().certificate(), data, der, Sm2.DEFAULT_USER_ID)).isTrue();
        }
    }

    @Test
    void signatureVerifiesWithTheOpensslCommandLine() throws Exception {
        TestKeys.SoftUKey key = TestKeys.softUKey("openssl");
        byte[] data = AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, "https://portal.example.cn", NONCE);
        byte[] der;
        try (TokenDriver d = driver(key.spec()); SigningSession s = d.login(signingCertificate(d, key),
                r -> key.token().userPin().toCharArray())) {
            der = s.sign(SignatureAlgorithm.SM2SM3, data, EcdsaEncoding.DER);
        }
        Path dir = Files.createTempDirectory(key.deviceDir().getParent(), "openssl");
        Path pub = Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.token().certificate().getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path msg = Files.write(dir.resolve("data"), data);
        Path sig = Files.write(dir.resolve("sig.der"), der);
        assertThat(openssl(dir, "dgst", "-sm3", "-verify", pub.toString(), "-sigopt", "distid:" + Sm2.DEFAULT_USER_ID,
                "-signature", sig.toString(), msg.toString())).contains("Verified OK");
        assertThat(openssl(dir, "dgst", "-sm3", "-verify", pub.toString(), "-sigopt", "distid:1234567812345679",
                "-signature", sig.toString(), msg.toString())).contains("Verification failure");
    }

    static String openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void wrongPinCountsDownThenLocksAndTheRightPinNoLongerHelps() {
        TestKeys.SoftUKey key = TestKeys.softUKey("pin");
        AtomicInteger asked = new AtomicInteger();
        try (TokenDriver d = driver(key.spec())) {
            TokenCertificate c = signingCertificate(d, key);
            for (int left = 5; left >= 1; left--) {
                int expected = left;
                assertThatThrownBy(() -> d.login(c, r -> { asked.incrementAndGet(); return "000000".toCharArray(); }))
                        .isInstanceOfSatisfying(PinException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                            assertThat(e.triesLeft()).isEqualTo(expected);
                            assertThat(e.pinState().flags()).contains(PinFlag.COUNT_LOW);
                            if (expected == 1) assertThat(e.pinState().finalTry()).isTrue();
                        });
            }
            assertThatThrownBy(() -> d.login(c, r -> "000000".toCharArray()))
                    .isInstanceOfSatisfying(PinException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                        assertThat(e.triesLeft()).isZero();
                        assertThat(e.pinState().locked()).isTrue();
                    });
            int before = asked.get();
            assertThatThrownBy(() -> d.login(c, r -> { asked.incrementAndGet(); return key.token().userPin().toCharArray(); }))
                    .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_LOCKED));
            assertThat(asked.get()).as("a locked key is not even asked for its PIN").isEqualTo(before);
            assertThat(d.tokens().stream().filter(t -> t.label().equals(key.token().label())).findFirst().orElseThrow()
                    .pinState().locked()).isTrue();
        }
    }

    @Test
    void removalAndReinsertionAreDeviceEventsAndSigningWorksAgain() throws Exception {
        TestKeys.SoftUKey key = TestKeys.softUKey("events");
        BlockingQueue<SkfDeviceWatcher.Event> events = new LinkedBlockingQueue<>();
        Path away = key.deviceDir().getParent().resolveSibling(key.deviceDir().getParent().getFileName() + "-pulled-out");
        byte[] data = AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, "https://portal.example.cn", NONCE);
        try (TokenDriver d = driver(key.spec()); AutoCloseable w = d.watchSkfDevices(events::add)) {
            TokenCertificate c = signingCertificate(d, key);
            Thread.sleep(300); // the watcher takes its first look
            SigningSession s = d.login(c, r -> key.token().userPin().toCharArray());
            Files.move(key.deviceDir(), away);
            SkfDeviceWatcher.Event removed = poll(events, "events");
            assertThat(removed.inserted()).isFalse();
            assertThat(removed.module()).isEqualTo(key.spec().name());
            assertThatThrownBy(() -> s.sign(SignatureAlgorithm.SM2SM3, data))
                    .extracting(e -> ((KeyBridgeException) e).code()).isEqualTo(ErrorCode.TOKEN_REMOVED);
            s.close();
            assertThat(d.certificates()).noneMatch(x -> x.id().equals(c.id()));
            Files.move(away, key.deviceDir());
            assertThat(poll(events, "events").inserted()).isTrue();
            try (SigningSession again = d.login(signingCertificate(d, key), r -> key.token().userPin().toCharArray())) {
                byte[] der = again.sign(SignatureAlgorithm.SM2SM3, data, EcdsaEncoding.DER);
                assertThat(verifies(key.token().certificate(), data, der, Sm2.DEFAULT_USER_ID)).isTrue();
            }
        }
    }

    /** The next event for {@code device}: other tests' devices come and go in the same store. */
    static SkfDeviceWatcher.Event poll(BlockingQueue<SkfDeviceWatcher.Event> q, String device) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            SkfDeviceWatcher.Event e = q.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.deviceName().equals(device)) return e;
        }
        throw new AssertionError("no device event for " + device + " within 5 s");
    }
}
