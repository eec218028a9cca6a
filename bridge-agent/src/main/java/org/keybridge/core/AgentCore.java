package org.keybridge.core;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.keybridge.error.CertificateExpiredException;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.KeyType;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.SigningSession;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's operations (protocol v1) and every check, once, for both transports: the origin policy, the nonce and
 * origin rules, the choice of certificate (never an expired one for a login), the PIN asked by the agent, the signature
 * over H(origin) ‖ H(nonce) only, and one audit line per signature. It does not know which transport called it.
 */
public final class AgentCore {
    public static final int PROTOCOL = 1;
    private static final Logger audit = LoggerFactory.getLogger("keybridge.audit");

    private final TokenDriver driver;
    private final OriginPolicy origins;
    private final UserInteraction user;
    private final AgentVersion version;
    private final EventHub events;
    private final java.util.function.Supplier<List<TokenCertificate>> listing;
    private volatile long lastOperation = System.nanoTime();

    public AgentCore(TokenDriver driver, OriginPolicy origins, UserInteraction user, String version) {
        this(driver, origins, user, AgentVersion.of(version));
    }

    public AgentCore(TokenDriver driver, OriginPolicy origins, UserInteraction user, AgentVersion version) {
        this(driver, origins, user, version, driver::certificates, new EventHub());
    }

    /** With {@code listing}: where the certificates to choose from come from (a {@link TokenWatcher}'s last poll). */
    public AgentCore(TokenDriver driver, OriginPolicy origins, UserInteraction user, AgentVersion version,
                     java.util.function.Supplier<List<TokenCertificate>> listing, EventHub events) {
        this.listing = listing;
        this.events = events;
        this.driver = driver;
        this.origins = origins;
        this.user = user;
        this.version = version;
    }

    public String version() { return version.version(); }

    public AgentVersion agentVersion() { return version; }

    public EventHub events() { return events; }

    public OriginPolicy origins() { return origins; }

    /** System.nanoTime() of the last operation's end: the resident agent tidies its memory when idle. */
    public long lastOperationNanos() { return lastOperation; }

    public Results.Status status(RequestContext ctx) {
        lastOperation = System.nanoTime();
        origins.require(ctx.origin(), Operation.STATUS);
        return new Results.Status(version.version(), version.commit(), version.catalogVersion(), PROTOCOL,
                driver.tokens().stream().map(Results.TokenSummary::of).toList(), driver.modules());
    }

    public Results.Certificates certificates(RequestContext ctx, String lang) {
        lastOperation = System.nanoTime();
        origins.require(ctx.origin(), Operation.CERTIFICATES);
        Locale l = locale(lang);
        return new Results.Certificates(driver.certificates().stream().filter(TokenCertificate::hasPrivateKey)
                .map(c -> Results.CertificateInfo.of(c, l)).toList());
    }

    /** Signs the login challenge with a usable certificate; an expired one gives CERTIFICATE_EXPIRED with its details. */
    public AuthToken authenticate(RequestContext ctx, Results.AuthenticateRequest req) {
        return sign(ctx, Purpose.LOGIN, req.challengeNonce(), req.certificateId(), req.lang());
    }

    /** The "update certificate" step: the user picks among the valid certificates; same signature construction. */
    public AuthToken bindCertificate(RequestContext ctx, Results.BindRequest req) {
        return sign(ctx, Purpose.BIND, req.challengeNonce(), null, req.lang());
    }

    private AuthToken sign(RequestContext ctx, Purpose purpose, String nonce, String certificateId, String lang) {
        String origin = origins.require(ctx.origin(), purpose == Purpose.LOGIN ? Operation.AUTHENTICATE : Operation.BIND_CERTIFICATE);
        try {
            AuthTokenFormat.requireValidNonce(nonce);
        } catch (IllegalArgumentException e) {
            throw new KeyBridgeException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Locale locale = locale(lang);
        String op = purpose == Purpose.LOGIN ? "authenticate" : "bind-certificate";
        String certId = null;
        try {
            TokenCertificate cert = choose(origin, purpose, certificateId, locale);
            certId = cert.id();
            SignatureAlgorithm alg = algorithmFor(cert);
            byte[] data = AuthTokenFormat.signedData(alg, origin, nonce);
            byte[] signature;
            try (SigningSession s = driver.login(cert, r -> user.askPin(
                    new PinDialog(origin, purpose, cert, r.tokenLabel(), r.pinState(), locale)))) {
                signature = s.sign(alg, data);
            }
            lastOperation = System.nanoTime();
            audit.info("origin={} operation={} transport={} certificate={} nonce={}… result=OK", origin, op,
                    ctx.transport(), cert.id(), nonce.substring(0, 6));
            return new AuthToken(base64(cert), alg.name(), Base64.getEncoder().encodeToString(signature),
                    AuthTokenFormat.FORMAT, "https://keybridge.org/agent/" + version.version());
        } catch (KeyBridgeException e) {
            lastOperation = System.nanoTime();
            audit.info("origin={} operation={} transport={} certificate={} result={}", origin, op, ctx.transport(),
                    certId == null ? "-" : certId, e.code());
            throw e;
        }
    }

    /** The certificate for this operation: the one named, the only usable one, or the user's pick. */
    private TokenCertificate choose(String origin, Purpose purpose, String certificateId, Locale locale) {
        List<TokenCertificate> signing = listing.get().stream().filter(TokenCertificate::hasPrivateKey)
                .filter(c -> c.keyUsage().isEmpty() || c.keyUsage().contains("digitalSignature")).toList();
        // only certificates from the CAs the portal accepts: no PIN asked for a key the portal would refuse
        List<TokenCertificate> all = signing.stream()
                .filter(c -> origins.accepts(origin, c.certificate().getIssuerX500Principal())).toList();
        if (all.isEmpty() && !signing.isEmpty()) {
            throw new KeyBridgeException(ErrorCode.NO_CERTIFICATE,
                    "no certificate on the inserted keys is from a CA that " + origin + " accepts");
        }
        if (certificateId != null) {
            TokenCertificate c = all.stream().filter(x -> x.id().equalsIgnoreCase(certificateId)).findFirst()
                    .orElseThrow(() -> new KeyBridgeException(ErrorCode.NO_CERTIFICATE, "no certificate " + certificateId));
            requireUsable(c);
            return c;
        }
        List<TokenCertificate> usable = all.stream().filter(c -> c.status().usable()).toList();
        if (usable.isEmpty()) {
            if (!all.isEmpty()) requireUsable(all.get(0)); // say which certificate expired, so the portal can offer the rebind
            List<Token> tokens = driver.tokens();
            throw new KeyBridgeException(tokens.isEmpty() ? ErrorCode.NO_TOKEN : ErrorCode.NO_CERTIFICATE,
                    tokens.isEmpty() ? "no key inserted" : "no certificate with a private key on the inserted keys");
        }
        if (usable.size() == 1) return usable.get(0);
        String picked = user.chooseCertificate(new CertificateChoice(origin, purpose, usable, locale))
                .orElseThrow(() -> new KeyBridgeException(ErrorCode.PIN_CANCELLED, "certificate choice cancelled"));
        return usable.stream().filter(c -> c.id().equals(picked)).findFirst()
                .orElseThrow(() -> new KeyBridgeException(ErrorCode.NO_CERTIFICATE, "chosen certificate is not offered"));
    }

    private static void requireUsable(TokenCertificate c) {
        if (c.status() == CertificateStatus.EXPIRED) throw new CertificateExpiredException(ErrorCode.CERTIFICATE_EXPIRED, c);
        if (c.status() == CertificateStatus.NOT_YET_VALID) {
            throw new CertificateExpiredException(ErrorCode.CERTIFICATE_NOT_YET_VALID, c);
        }
    }

    /**
     * The token format's algorithm for a key: ES256/384/512 by curve, RS256 for RSA (what Web eID portals accept),
     * SM2SM3 for SM2.
     */
    public static SignatureAlgorithm algorithmFor(TokenCertificate c) {
        if (c.keyType() == KeyType.RSA) return SignatureAlgorithm.RS256;
        if (c.keyType() == KeyType.SM2) return SignatureAlgorithm.SM2SM3;
        return switch (c.curve() == null ? "" : c.curve()) {
            case "P-384" -> SignatureAlgorithm.ES384;
            case "P-521" -> SignatureAlgorithm.ES512;
            default -> SignatureAlgorithm.ES256;
        };
    }

    static Locale locale(String lang) {
        return KeyBridgeException.supported(lang == null || lang.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(lang));
    }

    private static String base64(TokenCertificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For transports: the error object's fields, with the certificate's details for CERTIFICATE_EXPIRED. */
    public static java.util.Map<String, Object> errorObject(KeyBridgeException e, Locale locale) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("code", e.code().name());
        m.put("message", e.userMessage(locale));
        if (e instanceof CertificateExpiredException x) m.put("certificate", Results.CertificateInfo.of(x.certificate(), locale));
        if (e instanceof org.keybridge.error.PinException p) m.put("pinState", p.pinState().ordered());
        return m;
    }
}
