package org.keybridge.portal.bench;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.auth.AuthTokenJson;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.challenge.ChallengeNonce;
import org.keybridge.portal.identity.UsccLocation;
import org.keybridge.uscc.Uscc;

/**
 * portal-kit's validation speed: login tokens validated per second on one thread (the token JSON parsed, then every
 * check of {@link AuthTokenValidator}: structure, algorithm, validity, purpose, signature, chain, USCC), against the
 * raw signature verification of the same key over the same bytes as baseline, measured in the same run in adjacent
 * rounds. Keys and certificates are made here in software (a P-256 issuing CA; P-256 and RSA-2048 end entities);
 * no revocation checker (that is a network round trip, not validation cost).
 *
 * <p>Rows: {@code portal.validate.ES256.p256} and {@code portal.validate.RS256.rsa2048} as a portal runs (the chain
 * of a certificate seen before remembered), and the same with {@code .cold} (no chain cache: every validation
 * parses the certificate and checks its chain, one more signature verification by the CA's key).
 */
public final class ValidationBench {

    /** One result, in the shape of {@code keybridge bench --json}. */
    public record Row(String name, String unit, double value, double baseline, double ratio) {}

    private static final String ORIGIN = "https://portal.example.cn";
    private static final Instant NOW = Instant.now();

    private final double seconds;
    private final int rounds;

    public ValidationBench(double seconds, int rounds) {
        if (seconds <= 0 || rounds < 1) throw new IllegalArgumentException("seconds > 0, rounds >= 1");
        this.seconds = seconds;
        this.rounds = rounds;
    }

    public List<Row> run() throws Exception {
        KeyPair caKey = ec();
        X500Name caName = new X500Name("CN=Bench Issuing CA,O=KeyBridge Bench,C=CN");
        X509Certificate ca = certificate(caName, caKey.getPublic(), caName, caKey.getPrivate(), true);
        String uscc = Uscc.withCheckCharacter("91440300MA5F12345").value();
        X500Name subject = new X500Name("CN=Bench Enterprise,SERIALNUMBER=" + uscc + ",C=CN");
        KeyPair ec = ec(), rsa = rsa();
        List<Row> out = new ArrayList<>();
        for (boolean cached : new boolean[] {true, false}) {
            AuthTokenValidator v = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(ca)
                    .usccLocation(ca, UsccLocation.serialNumber()).chainCacheSize(cached ? 16 : 0)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
            String suffix = cached ? "" : ".cold";
            out.add(measure("portal.validate.ES256.p256" + suffix, v, SignatureAlgorithm.ES256, ec,
                    certificate(subject, ec.getPublic(), caName, caKey.getPrivate(), false)));
            out.add(measure("portal.validate.RS256.rsa2048" + suffix, v, SignatureAlgorithm.RS256, rsa,
                    certificate(subject, rsa.getPublic(), caName, caKey.getPrivate(), false)));
        }
        return out;
    }

    /** One operation of a measured side. */
    private interface Op {
        void run() throws Exception;
    }

    private Row measure(String name, AuthTokenValidator v, SignatureAlgorithm alg, KeyPair key, X509Certificate cert)
            throws Exception {
        String nonce = ChallengeNonce.generate(new SecureRandom()).value();
        byte[] data = AuthTokenFormat.signedData(alg, ORIGIN, nonce);
        Signature signer = jca(alg);
        signer.initSign(key.getPrivate());
        signer.update(data);
        byte[] sig = signer.sign();
        String json = AuthTokenJson.write(new AuthToken(Base64.getEncoder().encodeToString(cert.getEncoded()), alg.name(),
                Base64.getEncoder().encodeToString(sig), AuthTokenFormat.FORMAT, "bench"));
        Signature verifier = jca(alg);
        PublicKey pub = cert.getPublicKey();
        Op baseline = () -> {
            verifier.initVerify(pub);
            verifier.update(AuthTokenFormat.signedData(alg, ORIGIN, nonce));
            if (!verifier.verify(sig)) throw new IllegalStateException("baseline signature does not verify");
        };
        Op validation = () -> v.validate(AuthTokenJson.parse(json), nonce);
        rate(baseline, Math.min(1.0, seconds)); // JIT warm-up of both sides
        rate(validation, Math.min(1.0, seconds));
        double[] value = new double[rounds], base = new double[rounds], ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            base[r] = rate(baseline, seconds);
            value[r] = rate(validation, seconds);
            ratio[r] = value[r] / base[r];
        }
        return new Row(name, "validations/s", round1(median(value)), round1(median(base)),
                Math.round(median(ratio) * 1000) / 1000.0);
    }

    /** Operations per second over {@code secs} seconds. */
    private static double rate(Op op, double secs) throws Exception {
        long start = System.nanoTime(), end = start + (long) (secs * 1e9), now;
        int n = 0;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** The JCA signature for a JOSE algorithm, as the validator uses it (ECDSA as raw r||s). */
    private static Signature jca(SignatureAlgorithm alg) throws Exception {
        String h = alg.hash().replace("-", "");
        return Signature.getInstance(alg.keyType() == org.keybridge.format.KeyType.EC ? h + "withECDSAinP1363Format" : h + "withRSA");
    }

    private static X509Certificate certificate(X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer,
                                               boolean ca) throws Exception {
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(new SecureRandom().nextInt() & 0x7fffffff),
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(365))), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (!ca) b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** {@code java … ValidationBench [seconds [rounds]]}: prints the rows. */
    public static void main(String[] args) throws Exception {
        double secs = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (Row r : new ValidationBench(secs, rounds).run()) {
            System.out.printf("%-34s %10.1f %10.1f %7.3fx  %s%n", r.name(), r.value(), r.baseline(), r.ratio(), r.unit());
        }
    }
}
