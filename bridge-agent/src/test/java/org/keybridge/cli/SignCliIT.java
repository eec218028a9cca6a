package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keybridge.cli.DemoDir.SOCIAL;
import static org.keybridge.cli.DemoDir.TAX;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code keybridge sign} through bin/keybridge on a real SoftHSM store, every signature checked by the openssl command
 * against the certificate that {@code tokens --json} lists.
 */
class SignCliIT {
    @TempDir static Path tmp;
    static DemoDir demo;
    static Path rsaPub, ecPub;

    @BeforeAll
    static void demoKeys() throws Exception {
        demo = DemoDir.create(tmp.resolve("demo"));
        rsaPub = publicKey(SOCIAL, "rsa");
        ecPub = publicKey(TAX, "ec");
    }

    private static Path publicKey(String label, String name) throws Exception {
        Path pem = demo.writePem(label, tmp.resolve(name + "-cert.pem"));
        // the PEM demo-keys wrote for the same object is the same certificate
        String objectLabel = demo.certificate(label).get("label").asText();
        assertThat(Files.readString(demo.dir.resolve("pki/" + objectLabel + ".pem")).replaceAll("\\s", ""))
                .isEqualTo(Files.readString(pem).replaceAll("\\s", ""));
        Cli.Result r = Cli.run("openssl", "x509", "-in", pem.toString(), "-pubkey", "-noout");
        assertThat(r.exit()).as("%s", r).isZero();
        Path pub = tmp.resolve(name + "-pub.pem");
        Files.writeString(pub, r.out(), StandardCharsets.US_ASCII);
        return pub;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "RS256, 社保CA, 256", "RS384, 社保CA, 384", "RS512, 社保CA, 512",
        "PS256, 社保CA, 256", "PS384, 社保CA, 384", "PS512, 社保CA, 512",
        "ES256, 地税CA, 256", "ES384, 地税CA, 384", "ES512, 地税CA, 512"})
    void signatureVerifiesWithOpenssl(String alg, String label, int hashBits) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(alg));
        byte[] data = new byte[1000 + hashBits];
        new Random(hashBits * 31L + alg.hashCode()).nextBytes(data);
        Path in = Files.write(dir.resolve("in.bin"), data);
        byte[] flippedData = data.clone();
        flippedData[data.length / 2] ^= 0x01;
        Path flipped = Files.write(dir.resolve("flipped.bin"), flippedData);
        Path sig = dir.resolve("sig.bin");
        boolean ec = alg.startsWith("ES");

        List<String> args = new ArrayList<>(List.of("sign", "--cert", demo.certificate(label).get("id").asText(),
                "--pin-file", demo.pinsFile.toString(), "--alg", alg, "--in", in.toString(), "--out", sig.toString()));
        if (ec) args.add("--der");
        Cli.Result r = demo.keybridge(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isZero();
        if (label.equals(SOCIAL)) {
            // the 社保CA certificate is expired: sign still works for an IT check, and says so
            assertThat(r.err()).as("%s", r).contains("warning: certificate is EXPIRED");
        } else {
            assertThat(r.err()).as("%s", r).doesNotContain("warning");
        }

        List<String> verify = opensslVerify(alg, hashBits, ec ? ecPub : rsaPub, sig);
        assertVerified(verify, in);
        assertNotVerified(verify, flipped);

        if (ec) {
            // without --der: raw r||s, 32 bytes each for P-256 whatever the hash
            Path raw = dir.resolve("sig.raw");
            args.remove("--der");
            args.set(args.indexOf(sig.toString()), raw.toString());
            Cli.Result rr = demo.keybridge(args.toArray(String[]::new));
            assertThat(rr.exit()).as("%s", rr).isZero();
            byte[] rs = Files.readAllBytes(raw);
            assertThat(rs).hasSize(64);
            Path der = Files.write(dir.resolve("sig-from-raw.der"), rawToDer(rs));
            List<String> verifyRaw = opensslVerify(alg, hashBits, ecPub, der);
            assertVerified(verifyRaw, in);
            assertNotVerified(verifyRaw, flipped);
        }
    }

    private static List<String> opensslVerify(String alg, int hashBits, Path pub, Path sig) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "dgst", "-sha" + hashBits, "-verify", pub.toString(),
                "-signature", sig.toString()));
        if (alg.startsWith("PS")) {
            cmd.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:" + hashBits / 8));
        }
        return cmd;
    }

    private static void assertVerified(List<String> verify, Path file) {
        Cli.Result v = Cli.run(Cli.DEFAULT_TIMEOUT, append(verify, file.toString()));
        assertThat(v.exit()).as("%s", v).isZero();
        assertThat(v.out()).as("%s", v).contains("Verified OK");
    }

    private static void assertNotVerified(List<String> verify, Path file) {
        Cli.Result v = Cli.run(Cli.DEFAULT_TIMEOUT, append(verify, file.toString()));
        assertThat(v.exit()).as("a flipped input byte must fail verification: %s", v).isNotZero();
        assertThat(v.out()).as("%s", v).doesNotContain("Verified OK");
    }

    private static List<String> append(List<String> l, String s) {
        List<String> r = new ArrayList<>(l);
        r.add(s);
        return r;
    }

    /** ECDSA raw r||s to the DER SEQUENCE { INTEGER r, INTEGER s } openssl reads. */
    static byte[] rawToDer(byte[] rs) {
        int n = rs.length / 2;
        byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, n)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, n, rs.length)).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] i : List.of(r, s)) {
            body.write(0x02);
            body.write(i.length);
            body.writeBytes(i);
        }
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        seq.write(0x30);
        seq.write(body.size()); // < 128 for P-256
        seq.writeBytes(body.toByteArray());
        return seq.toByteArray();
    }

    // ---- failures

    private Cli.Result sign(String certId, Path pinFile, String alg, String... extra) throws Exception {
        Path in = tmp.resolve("failure-in.txt");
        Files.writeString(in, "to be signed\n");
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("sign", "--cert", certId, "--pin-file", pinFile.toString(), "--alg", alg, "--in", in.toString(),
                "--out", tmp.resolve("failure-sig.bin").toString()));
        return demo.keybridge(args.toArray(String[]::new));
    }

    private static Path wrongPinFile() throws Exception {
        // every digit changed, so never the real PIN
        StringBuilder wrong = new StringBuilder();
        for (char c : demo.pins.get(TAX).toCharArray()) wrong.append((char) ('0' + (c - '0' + 1) % 10));
        return Files.writeString(tmp.resolve("wrong-pin.txt"), wrong + "\n");
    }

    private static String taxId() { return demo.certificate(TAX).get("id").asText(); }

    @Test
    void aWrongPinIsPinIncorrect() throws Exception {
        Cli.Result r = sign(taxId(), wrongPinFile(), "ES256");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("PIN_INCORRECT");
    }

    @Test
    void aWrongPinInChineseAndSpanish() throws Exception {
        Cli.Result zh = sign(taxId(), wrongPinFile(), "ES256", "--lang", "zh-CN");
        assertThat(zh.exit()).as("%s", zh).isEqualTo(1);
        assertThat(zh.err()).as("%s", zh).contains("PIN_INCORRECT").contains("PIN 码错误");

        Cli.Result es = sign(taxId(), wrongPinFile(), "ES256", "--lang", "es");
        assertThat(es.exit()).as("%s", es).isEqualTo(1);
        assertThat(es.err()).as("%s", es).contains("PIN_INCORRECT").contains("PIN es incorrecto")
                .doesNotContain("PIN 码错误").doesNotContain("The PIN is incorrect");
    }

    @Test
    void anUnknownAlgorithmIsUnsupportedMechanism() throws Exception {
        Cli.Result r = sign(taxId(), demo.pinsFile, "XYZ");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("UNSUPPORTED_MECHANISM");
    }

    @Test
    void rsaWithTheEcKeyIsUnsupportedMechanism() throws Exception {
        Cli.Result r = sign(taxId(), demo.pinsFile, "RS256");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("UNSUPPORTED_MECHANISM");
    }

    @Test
    void anUnknownCertificateIsNoCertificate() throws Exception {
        Cli.Result r = sign("00".repeat(32), demo.pinsFile, "ES256");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("NO_CERTIFICATE");
    }
}
