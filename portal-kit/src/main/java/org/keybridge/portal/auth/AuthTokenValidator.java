package org.keybridge.portal.auth;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.KeyType;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.identity.EnterpriseIdentity;
import org.keybridge.portal.identity.UsccInvalidException;
import org.keybridge.portal.identity.UsccLocation;
import org.keybridge.portal.identity.UsccMissingException;
import org.keybridge.portal.revocation.RevocationChecker;

/**
 * Validates a Web eID login token ({@code web-eid:1.x}) against the nonce the portal issued and its own origin.
 *
 * <p>Checks, cheap first, each failure its own {@link AuthTokenException}:
 * <ol>
 *   <li>structure and sizes (TOKEN_PARSE): format starts with {@code web-eid:1.}; certificate ≤ 8 KiB and signature
 *       ≤ 1 KiB once decoded, both standard base64;</li>
 *   <li>algorithm (ALGORITHM_NOT_ALLOWED): on the allow-list;</li>
 *   <li>certificate parse (TOKEN_PARSE), then the algorithm must fit its key (ALGORITHM_NOT_ALLOWED): ES256/384/512
 *       on P-256/P-384/P-521, RS and PS on RSA of at least 2048 bits;</li>
 *   <li>validity at the clock's now (CERTIFICATE_NOT_YET_VALID, CERTIFICATE_EXPIRED);</li>
 *   <li>purpose (CERTIFICATE_PURPOSE): keyUsage present with digitalSignature; if an extended key usage is present,
 *       it includes clientAuth;</li>
 *   <li>signature (SIGNATURE_INVALID) over {@link AuthTokenFormat#signedData}(alg, expected origin, nonce). There is
 *       no separate origin code: <b>a token signed for another origin fails here, as SIGNATURE_INVALID</b>, since the
 *       origin is only inside the signed digest;</li>
 *   <li>chain (CERTIFICATE_UNTRUSTED): PKIX ({@link CertPathValidator}) from the certificate to one of the trusted
 *       certificates, each taken as a trust anchor (configure the issuing CAs); remembered per certificate
 *       ({@link Builder#chainCacheSize});</li>
 *   <li>revocation (CERTIFICATE_REVOKED, REVOCATION_UNAVAILABLE): each configured {@link RevocationChecker}, none by
 *       default;</li>
 *   <li>the enterprise's USCC (USCC_MISSING, USCC_INVALID) where the issuing CA puts it ({@link EnterpriseIdentity}).</li>
 * </ol>
 * The nonce must be one the portal issued and has just consumed ({@code ChallengeStore.consume}); this class does
 * not track nonces. Instances are immutable and thread-safe.
 */
public final class AuthTokenValidator {

    public static final int MAX_CERTIFICATE_BYTES = 8 * 1024;
    public static final int MAX_SIGNATURE_BYTES = 1024;
    public static final String FORMAT_PREFIX = "web-eid:1.";
    public static final int DEFAULT_CHAIN_CACHE = 1024;
    private static final int MAX_SHORT_FIELD = 256;
    private static final int MIN_RSA_BITS = 2048;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;

    private final String origin;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;
    private final Set<SignatureAlgorithm> allowed;
    private final EnterpriseIdentity identity;
    private final List<RevocationChecker> revocation;
    private final ChainCache chains;

    private AuthTokenValidator(Builder b) {
        this.chains = new ChainCache(b.chainCacheSize);
        this.origin = b.origin;
        this.identity = new EnterpriseIdentity(b.usccLocations, b.defaultUsccLocation);
        this.revocation = List.copyOf(b.revocation);
        this.clock = b.clock;
        this.allowed = EnumSet.copyOf(b.allowed);
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : b.trusted) a.add(new TrustAnchor(c, null));
        this.anchors = Set.copyOf(a);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The origin tokens must have been signed for. */
    public String origin() {
        return origin;
    }

    /**
     * @param token the token as the browser sent it
     * @param nonce the challenge nonce the portal issued for this login (44–128 characters of base64)
     * @throws IllegalArgumentException if {@code nonce} is not a well-formed nonce (a caller error, not the token's)
     */
    public ValidatedToken validate(AuthToken token, String nonce) throws AuthTokenException {
        AuthTokenFormat.requireValidNonce(nonce);
        // 1. structure
        if (token == null) throw new TokenParseException("token is missing");
        String format = requireField("format", token.format(), MAX_SHORT_FIELD);
        if (!format.startsWith(FORMAT_PREFIX)) throw new TokenParseException("format is not " + FORMAT_PREFIX + "x: " + clip(format));
        if (token.appVersion() != null && token.appVersion().length() > MAX_SHORT_FIELD) {
            throw new TokenParseException("appVersion is longer than " + MAX_SHORT_FIELD + " characters");
        }
        String algName = requireField("algorithm", token.algorithm(), MAX_SHORT_FIELD);
        byte[] der = decode("unverifiedCertificate", token.unverifiedCertificate(), MAX_CERTIFICATE_BYTES);
        byte[] sig = decode("signature", token.signature(), MAX_SIGNATURE_BYTES);
        // 2. algorithm
        SignatureAlgorithm alg = SignatureAlgorithm.byName(algName);
        if (alg == null || !alg.name().equals(algName) || !allowed.contains(alg)) {
            throw new AlgorithmNotAllowedException("algorithm " + clip(algName) + " is not allowed; allowed: " + allowed);
        }
        // 3. certificate parse (or the cached one); the algorithm must fit its key
        Instant now = clock.instant();
        ChainCache.Entry known = chains.get(der);
        if (known != null && !known.usableAt(now)) known = null;
        X509Certificate cert = known != null ? known.cert() : parse(der);
        requireFits(alg, cert.getPublicKey());
        // 4. validity
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new CertificateNotYetValidException("certificate " + describe(cert) + " is valid only from "
                    + cert.getNotBefore().toInstant(), CertificateDetails.of(cert, identity.usccOrNull(cert)));
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new CertificateExpiredException("certificate " + describe(cert) + " expired on "
                    + cert.getNotAfter().toInstant(), CertificateDetails.of(cert, identity.usccOrNull(cert)));
        }
        // 5. purpose (a remembered certificate passed it already: it cannot change)
        if (known == null) requirePurpose(cert);
        // 6. signature over H(origin) || H(nonce)
        if (!verify(alg, cert.getPublicKey(), AuthTokenFormat.signedData(alg, origin, nonce), sig)) {
            throw new SignatureInvalidException("signature does not verify for origin " + origin
                    + " and the issued nonce (a token signed for another origin fails here)");
        }
        // 7. chain (once per certificate while its CA is valid: ChainCache)
        X509Certificate issuer = known != null ? known.issuer() : requireTrusted(cert, now);
        // 8. revocation, each configured checker, every time
        for (RevocationChecker r : revocation) r.check(cert, issuer);
        // 9. the enterprise's USCC where the issuing CA puts it
        String uscc = known != null ? known.uscc() : identity.uscc(cert);
        if (known == null) chains.put(der, new ChainCache.Entry(cert, issuer, uscc));
        return new ValidatedToken(cert, alg, uscc);
    }

    private static String requireField(String name, String value, int max) throws TokenParseException {
        if (value == null || value.isEmpty()) throw new TokenParseException(name + " is missing");
        if (value.length() > max) throw new TokenParseException(name + " is longer than " + max + " characters");
        return value;
    }

    private static byte[] decode(String name, String value, int maxBytes) throws TokenParseException {
        if (value == null || value.isEmpty()) throw new TokenParseException(name + " is missing");
        int maxChars = 4 * ((maxBytes + 2) / 3);
        if (value.length() > maxChars) {
            throw new TokenParseException(name + " is larger than " + maxBytes + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new TokenParseException(name + " is not standard base64", e);
        }
        if (bytes.length > maxBytes) throw new TokenParseException(name + " is larger than " + maxBytes + " bytes");
        return bytes;
    }

    private static X509Certificate parse(byte[] der) throws TokenParseException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new TokenParseException("unverifiedCertificate is not an X.509 certificate", e);
        }
    }

    private static void requireFits(SignatureAlgorithm alg, PublicKey key) throws AlgorithmNotAllowedException {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            int want = switch (alg) {
                case ES256 -> 256;
                case ES384 -> 384;
                case ES512 -> 521;
                default -> -1;
            };
            if (alg.keyType() != KeyType.EC || bits != want) {
                throw new AlgorithmNotAllowedException(alg + " does not fit the certificate's EC key of " + bits + " bits");
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (alg.keyType() != KeyType.RSA) {
                throw new AlgorithmNotAllowedException(alg + " does not fit the certificate's RSA key");
            }
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new AlgorithmNotAllowedException("RSA key of " + rsa.getModulus().bitLength()
                        + " bits is shorter than " + MIN_RSA_BITS);
            }
        } else {
            throw new AlgorithmNotAllowedException(alg + " does not fit the certificate's " + key.getAlgorithm() + " key");
        }
    }

    private static void requirePurpose(X509Certificate cert) throws CertificatePurposeException {
        boolean[] ku = cert.getKeyUsage();
        if (ku == null || ku.length <= DIGITAL_SIGNATURE || !ku[DIGITAL_SIGNATURE]) {
            throw new CertificatePurposeException("certificate " + describe(cert)
                    + (ku == null ? " has no keyUsage" : "'s keyUsage lacks digitalSignature"));
        }
        List<String> eku;
        try {
            eku = cert.getExtendedKeyUsage();
        } catch (CertificateException e) {
            throw new CertificatePurposeException("certificate " + describe(cert) + " has a malformed extendedKeyUsage", e);
        }
        if (eku != null && !eku.contains(CLIENT_AUTH)) {
            throw new CertificatePurposeException("certificate " + describe(cert) + "'s extendedKeyUsage lacks clientAuth");
        }
    }

    /** Per thread, one verifier per algorithm: Signature.getInstance's provider lookup is a visible share of an RSA verify. */
    private static final ThreadLocal<Map<SignatureAlgorithm, Signature>> VERIFIERS =
            ThreadLocal.withInitial(() -> new java.util.EnumMap<>(SignatureAlgorithm.class));

    private static boolean verify(SignatureAlgorithm alg, PublicKey key, byte[] data, byte[] sig) {
        try {
            Map<SignatureAlgorithm, Signature> mine = VERIFIERS.get();
            Signature s = mine.get(alg);
            if (s == null) {
                s = signatureFor(alg);
                mine.put(alg, s);
            }
            s.initVerify(key); // resets whatever a failed verification left
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // e.g. an r||s of the wrong length: not a valid signature
        }
    }

    /** The JCA verifier for a JOSE algorithm: ECDSA as raw r||s (P1363), PSS with MGF1 of the same hash, salt = hash length. */
    static Signature signatureFor(SignatureAlgorithm alg) throws GeneralSecurityException {
        String h = alg.hash().replace("-", "");
        return switch (alg.padding()) {
            case NONE -> Signature.getInstance(h + "withECDSAinP1363Format");
            case PKCS1 -> Signature.getInstance(h + "withRSA");
            case PSS -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                try {
                    s.setParameter(new PSSParameterSpec(alg.hash(), "MGF1", new MGF1ParameterSpec(alg.hash()),
                            alg.hashLength(), PSSParameterSpec.TRAILER_FIELD_BC));
                } catch (InvalidAlgorithmParameterException e) {
                    throw new AssertionError(e);
                }
                yield s;
            }
        };
    }

    /** The PKIX check; returns the trusted CA certificate that issued {@code cert}. */
    private X509Certificate requireTrusted(X509Certificate cert, Instant now) throws CertificateUntrustedException {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert));
            PKIXParameters p = new PKIXParameters(anchors);
            p.setRevocationEnabled(false);
            p.setDate(Date.from(now));
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, p);
            return result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            throw new CertificateUntrustedException("certificate " + describe(cert)
                    + " does not chain to a trusted CA: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is not available", e);
        }
    }

    /** The USCC of {@code cert} where its CA puts it (see {@link EnterpriseIdentity}), checked. */
    public String usccOf(X509Certificate cert) throws UsccMissingException, UsccInvalidException {
        return identity.uscc(cert);
    }

    /** Where this validator reads the USCC, per issuing CA. */
    public EnterpriseIdentity identity() {
        return identity;
    }

    private static String describe(X509Certificate c) {
        return "'" + c.getSubjectX500Principal().getName() + "' (serial " + c.getSerialNumber().toString(16) + ")";
    }

    private static String clip(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "…" : s;
    }

    public static final class Builder {
        private String origin;
        private final List<X509Certificate> trusted = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Set<SignatureAlgorithm> allowed = EnumSet.allOf(SignatureAlgorithm.class);
        private boolean devMode;
        private final Map<X500Principal, UsccLocation> usccLocations = new HashMap<>();
        private UsccLocation defaultUsccLocation = UsccLocation.anywhereInSubject();
        private final List<RevocationChecker> revocation = new ArrayList<>();
        private int chainCacheSize = DEFAULT_CHAIN_CACHE;

        private Builder() {}

        /**
         * How many certificates whose chain validated are remembered (least recently used out; {@value AuthTokenValidator#DEFAULT_CHAIN_CACHE}
         * by default, 0 for none): their chain and USCC are not checked again while their CA's
         * certificate is valid. Validity, purpose, signature and revocation are checked every time.
         */
        public Builder chainCacheSize(int size) {
            if (size < 0) throw new IllegalArgumentException("chainCacheSize must not be negative");
            this.chainCacheSize = size;
            return this;
        }

        /**
         * Where certificates issued by {@code issuingCa} carry the USCC; for such certificates the USCC is required
         * (USCC_MISSING, USCC_INVALID).
         */
        public Builder usccLocation(X509Certificate issuingCa, UsccLocation location) {
            usccLocations.put(issuingCa.getSubjectX500Principal(), Objects.requireNonNull(location, "location"));
            return this;
        }

        /** Where to look for CAs without {@link #usccLocation}: by default anywhere in the subject, not required. */
        public Builder defaultUsccLocation(UsccLocation location) {
            this.defaultUsccLocation = Objects.requireNonNull(location, "location");
            return this;
        }

        /** Revocation checks run after the chain, in order (none by default): {@link org.keybridge.portal.revocation.CrlChecker}, {@link org.keybridge.portal.revocation.OcspChecker}. */
        public Builder revocation(RevocationChecker... checkers) {
            for (RevocationChecker c : checkers) revocation.add(Objects.requireNonNull(c, "checker"));
            return this;
        }

        /** The portal's own origin, {@code https://host[:port]}; checked with {@link AuthTokenFormat#requireValidOrigin}. */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        /** Accept {@code http://localhost[:port]} and {@code http://127.0.0.1[:port]} as the origin (development). */
        public Builder devMode(boolean devMode) {
            this.devMode = devMode;
            return this;
        }

        /** Trusted CA certificates (the issuing CAs), each a PKIX trust anchor. */
        public Builder trustedCertificates(Collection<X509Certificate> certs) {
            for (X509Certificate c : certs) trusted.add(Objects.requireNonNull(c, "trusted certificate"));
            return this;
        }

        public Builder trustedCertificates(X509Certificate... certs) {
            return trustedCertificates(List.of(certs));
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A subset of ES256/384/512, RS256/384/512, PS256/384/512; all of them by default. */
        public Builder allowedAlgorithms(Collection<SignatureAlgorithm> algs) {
            if (algs.isEmpty()) throw new IllegalArgumentException("allowedAlgorithms is empty");
            this.allowed = EnumSet.copyOf(algs);
            return this;
        }

        public Builder allowedAlgorithms(SignatureAlgorithm... algs) {
            return allowedAlgorithms(List.of(algs));
        }

        public AuthTokenValidator build() {
            AuthTokenFormat.requireValidOrigin(origin, devMode);
            if (trusted.isEmpty()) throw new IllegalArgumentException("no trusted certificates");
            return new AuthTokenValidator(this);
        }
    }
}
