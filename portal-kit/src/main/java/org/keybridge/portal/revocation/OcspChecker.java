package org.keybridge.portal.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.keybridge.portal.auth.AuthTokenException;

/**
 * Revocation by OCSP (RFC 6960) over HTTP POST, with Bouncy Castle. The responder is the configured URL, else the
 * certificate's AIA OCSP address. The answer must be signed by the issuing CA itself or by a responder certificate
 * that the CA issued with the OCSPSigning extended key usage; carry our nonce back (when it carries a nonce at all:
 * many responders ignore it); name the certificate; and be fresh: thisUpdate no later than now + skew, nextUpdate (or
 * thisUpdate + {@code maxAge} when absent) no earlier than now − skew.
 *
 * <p>"revoked" → CERTIFICATE_REVOKED, always. Unreachable responder, timeout, HTTP error, an unsigned, unverifiable,
 * stale or non-successful answer, or "unknown" → REVOCATION_UNAVAILABLE when {@code required} (the default: fail
 * closed); otherwise the check passes (soft fail). Defaults: 5 s timeout, 15 min skew, 1 h max age.
 */
public final class OcspChecker implements RevocationChecker {
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    private final URI responder;
    private final boolean required;
    private final Duration timeout, skew, maxAge;
    private final Clock clock;
    private final boolean nonce;
    private final SecureRandom random = new SecureRandom();

    private OcspChecker(Builder b) {
        this.responder = b.responder;
        this.required = b.required;
        this.timeout = b.timeout;
        this.skew = b.skew;
        this.maxAge = b.maxAge;
        this.clock = b.clock;
        this.nonce = b.nonce;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void check(X509Certificate cert, X509Certificate issuer) throws AuthTokenException {
        String serial = cert.getSerialNumber().toString(16);
        SingleResp answer;
        try {
            answer = query(cert, issuer);
        } catch (Unavailable e) {
            if (required) {
                throw new RevocationUnavailableException("OCSP status of serial " + serial + " unavailable: " + e.getMessage(), e.getCause());
            }
            return;
        }
        CertificateStatus status = answer.getCertStatus();
        if (status instanceof RevokedStatus r) {
            throw new CertificateRevokedException("OCSP: certificate serial " + serial + " was revoked at "
                    + r.getRevocationTime().toInstant());
        }
        if (status instanceof UnknownStatus && required) {
            throw new RevocationUnavailableException("OCSP: the responder does not know serial " + serial);
        }
    }

    /** A checked failure to get a usable answer (never "revoked"). */
    private static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private SingleResp query(X509Certificate cert, X509Certificate issuer) throws Unavailable {
        URI url = responder != null ? responder : aiaOcsp(cert);
        if (url == null) throw new Unavailable("no responder configured and the certificate names none (AIA)", null);
        CertificateID id;
        OCSPReq request;
        byte[] nonceBytes = new byte[16];
        try {
            id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
            OCSPReqBuilder rb = new OCSPReqBuilder().addRequest(id);
            if (nonce) {
                random.nextBytes(nonceBytes);
                rb.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(nonceBytes).getEncoded())));
            }
            request = rb.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an OCSP request", e);
        }
        byte[] body = post(url, request);
        BasicOCSPResp basic;
        try {
            OCSPResp resp = new OCSPResp(body);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) throw new Unavailable("responder status " + resp.getStatus(), null);
            basic = (BasicOCSPResp) resp.getResponseObject();
        } catch (IOException | ClassCastException | org.bouncycastle.cert.ocsp.OCSPException e) {
            throw new Unavailable("the answer is not an OCSP response", e);
        }
        if (basic == null) throw new Unavailable("the answer holds no basic response", null);
        requireSignedByAuthorizedResponder(basic, issuer);
        if (nonce) {
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed != null && !nonceMatches(echoed, nonceBytes)) {
                throw new Unavailable("the answer's nonce is not ours (a replayed answer?)", null);
            }
        }
        Instant now = clock.instant();
        for (SingleResp s : basic.getResponses()) {
            if (!s.getCertID().equals(id)) continue;
            Instant thisUpdate = s.getThisUpdate().toInstant();
            Instant until = s.getNextUpdate() != null ? s.getNextUpdate().toInstant() : thisUpdate.plus(maxAge);
            if (thisUpdate.isAfter(now.plus(skew))) throw new Unavailable("thisUpdate " + thisUpdate + " is in the future", null);
            if (until.isBefore(now.minus(skew))) throw new Unavailable("the answer is stale (valid until " + until + ")", null);
            return s;
        }
        throw new Unavailable("the answer does not name this certificate", null);
    }

    private static boolean nonceMatches(Extension echoed, byte[] sent) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(echoed.getExtnValue().getOctets());
            return p instanceof DEROctetString o && java.util.Arrays.equals(o.getOctets(), sent);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One POST on a connection of its own ({@code Connection: close}): responders such as openssl's close after each
     * answer, and a pooled connection they closed would fail the next check.
     */
    private byte[] post(URI url, OCSPReq request) throws Unavailable {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setInstanceFollowRedirects(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/ocsp-request");
            c.setRequestProperty("Accept", "application/ocsp-response");
            c.setRequestProperty("Connection", "close");
            byte[] req = request.getEncoded();
            c.setFixedLengthStreamingMode(req.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(req);
            }
            int status = c.getResponseCode();
            if (status != 200) throw new Unavailable("responder " + url + " answered HTTP " + status, null);
            try (InputStream in = c.getInputStream()) {
                byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (body.length > MAX_RESPONSE_BYTES) throw new Unavailable("answer larger than " + MAX_RESPONSE_BYTES + " bytes", null);
                return body;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("responder " + url + " unreachable: " + e, e);
        } finally {
            if (c != null) c.disconnect();
        }
    }

    /** The answer is signed by the issuer, or by a certificate it carries that the issuer made for OCSP signing. */
    private void requireSignedByAuthorizedResponder(BasicOCSPResp basic, X509Certificate issuer) throws Unavailable {
        List<X509Certificate> candidates = new ArrayList<>();
        candidates.add(issuer);
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        Instant now = clock.instant();
        for (X509CertificateHolder h : basic.getCerts()) {
            try {
                X509Certificate c = conv.getCertificate(h);
                if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) continue;
                c.verify(issuer.getPublicKey());
                List<String> eku = c.getExtendedKeyUsage();
                if (eku == null || !eku.contains(OCSP_SIGNING)) continue;
                if (now.isBefore(c.getNotBefore().toInstant()) || now.isAfter(c.getNotAfter().toInstant())) continue;
                candidates.add(c);
            } catch (CertificateParsingException e) {
                continue;
            } catch (Exception e) {
                continue; // not the issuer's: not a candidate
            }
        }
        for (X509Certificate c : candidates) {
            try {
                if (basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(c.getPublicKey()))) return;
            } catch (Exception e) {
                // wrong key type for this signature: try the next
            }
        }
        throw new Unavailable("the answer is not signed by the issuing CA or a responder it authorized", null);
    }

    private static URI aiaOcsp(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) return null;
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1Primitive.fromByteArray(DEROctetString.getInstance(ext).getOctets()));
            for (AccessDescription d : aia.getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return URI.create(d.getAccessLocation().getName().toString());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    public static final class Builder {
        private URI responder;
        private boolean required = true;
        private Duration timeout = Duration.ofSeconds(5), skew = Duration.ofMinutes(15), maxAge = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private boolean nonce = true;

        private Builder() {}

        /** The responder to ask for every certificate (otherwise each certificate's AIA OCSP address). */
        public Builder responder(URI responder) { this.responder = Objects.requireNonNull(responder); return this; }

        /** True (the default): no usable answer refuses the login. False: only "revoked" refuses it. */
        public Builder required(boolean required) { this.required = required; return this; }

        public Builder timeout(Duration timeout) { this.timeout = Objects.requireNonNull(timeout); return this; }

        /** Clock difference tolerated between the responder and us. */
        public Builder allowedSkew(Duration skew) { this.skew = Objects.requireNonNull(skew); return this; }

        /** How long an answer without nextUpdate counts as fresh after its thisUpdate. */
        public Builder maxAge(Duration maxAge) { this.maxAge = Objects.requireNonNull(maxAge); return this; }

        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

        /** Send a nonce (the default) and refuse an answer that echoes another one. */
        public Builder nonce(boolean nonce) { this.nonce = nonce; return this; }

        public OcspChecker build() {
            return new OcspChecker(this);
        }
    }
}
