package org.keybridge.portal.password;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (RFC 9106), Bouncy Castle's {@link Argon2BytesGenerator}, stored in the PHC string
 * format {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (base64 without padding), so that each hash carries
 * its own parameters and a later change of {@link Params} still verifies old hashes.
 *
 * <p>Defaults ({@link Params#DEFAULT}): 19 MiB of memory, 2 passes, 1 lane, 16-byte salt, 32-byte hash: OWASP's
 * minimum recommendation for Argon2id (2023), about 40–80 ms per hash on the 2-core test machine. A portal with
 * more memory per login to spare raises {@code memoryKiB} (RFC 9106's second choice is 64 MiB, t=3, p=4).
 * The password's UTF-8 bytes are wiped after use.
 */
public final class Argon2idHasher implements PasswordHasher {

    /** Argon2id cost parameters. */
    public record Params(int memoryKiB, int iterations, int parallelism, int saltBytes, int hashBytes) {
        public static final Params DEFAULT = new Params(19 * 1024, 2, 1, 16, 32);

        public Params {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || saltBytes < 8 || hashBytes < 16) {
                throw new IllegalArgumentException("Argon2id parameters too small: " + this);
            }
        }
    }

    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Params params;
    private final SecureRandom random;

    public Argon2idHasher() {
        this(Params.DEFAULT, new SecureRandom());
    }

    public Argon2idHasher(Params params, SecureRandom random) {
        this.params = Objects.requireNonNull(params, "params");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Params params() {
        return params;
    }

    @Override
    public String hash(CharSequence password) {
        byte[] salt = new byte[params.saltBytes()];
        random.nextBytes(salt);
        byte[] h = derive(password, salt, params);
        return PREFIX + "m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism() + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(h);
    }

    @Override
    public boolean verify(String encoded, CharSequence password) {
        Parsed p = parse(encoded);
        if (p == null) return false;
        byte[] h = derive(password, p.salt, p.params);
        return MessageDigest.isEqual(h, p.hash);
    }

    @Override
    public boolean needsRehash(String encoded) {
        Parsed p = parse(encoded);
        return p == null || !p.params.equals(params);
    }

    /** Raw Argon2id (version 0x13) of the password's UTF-8 bytes. */
    static byte[] derive(CharSequence password, byte[] salt, Params params) {
        Argon2Parameters ap = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(ap);
        byte[] pw = utf8(password);
        byte[] out = new byte[params.hashBytes()];
        try {
            g.generateBytes(pw, out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }

    private record Parsed(Params params, byte[] salt, byte[] hash) {}

    private static Parsed parse(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) return null;
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) return null;
        try {
            int m = -1, t = -1, p = -1;
            for (String kv : parts[0].split(",")) {
                String[] x = kv.split("=", 2);
                int v = Integer.parseInt(x[1]);
                switch (x[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> { return null; }
                }
            }
            byte[] salt = B64D.decode(parts[1]);
            byte[] hash = B64D.decode(parts[2]);
            return new Parsed(new Params(m, t, p, salt.length, hash.length), salt, hash);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] utf8(CharSequence s) {
        var buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(s));
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        if (buf.hasArray()) Arrays.fill(buf.array(), (byte) 0);
        return out;
    }
}
