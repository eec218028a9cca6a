package org.keybridge.core;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;

/** The result objects of the protocol-v1 operations (serialized as JSON by both transports). */
public final class Results {
    private Results() {}

    public record Status(String version, String commit, String catalogVersion, int protocol, List<TokenSummary> tokens, List<ModuleState> modules) {}

    public record TokenSummary(String label, String serialNumber, String manufacturer, String model, List<String> pinState) {
        static TokenSummary of(Token t) {
            return new TokenSummary(t.label(), t.serialNumber(), t.manufacturer(), t.model(),
                    t.pinState().ordered().stream().map(Enum::name).toList());
        }
    }

    public record Certificates(List<CertificateInfo> certificates) {}

    /** Nothing secret: what a portal may show and choose by. */
    public record CertificateInfo(String id, String tokenLabel, String subject, String issuer, String serialNumber,
                                  String notBefore, String notAfter, String status, String statusMessage,
                                  String keyType, int keySize, String curve, String uscc, String certificate) {
        public static CertificateInfo of(TokenCertificate c, Locale locale) {
            String der;
            try {
                der = Base64.getEncoder().encodeToString(c.certificate().getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            return new CertificateInfo(c.id(), c.tokenLabel(), c.subject(), c.issuer(), c.serialNumber(),
                    c.notBefore().toString(), c.notAfter().toString(), c.status().name(),
                    c.status().describe(c.notBefore(), c.notAfter(), locale), c.keyType().name(), c.keySize(), c.curve(),
                    c.uscc(), der);
        }
    }

    /** {@code authenticate} arguments (unknown fields are refused by the transports). */
    public record AuthenticateRequest(String challengeNonce, String certificateId, String lang) {}

    /** {@code bind-certificate} arguments. */
    public record BindRequest(String challengeNonce, String lang) {}

    /** Empty arguments for status, certificates. */
    public record NoArguments() {}
}
