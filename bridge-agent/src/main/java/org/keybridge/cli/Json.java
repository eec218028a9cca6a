package org.keybridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import org.keybridge.token.ModuleState;
import org.keybridge.token.PinFlag;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;

/** The JSON shapes of the command line's output (the public names in INTERFACES.md). */
final class Json {
    private Json() {}

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record TokensView(List<ModuleState> modules, List<TokenView> tokens) {}

    record TokenView(String module, long slotId, String label, String manufacturer, String model, String serialNumber,
                     List<PinFlag> pinState, boolean loginRequired, boolean protectedAuthenticationPath,
                     List<CertificateView> certificates) {
        static TokenView of(Token t) {
            return new TokenView(t.module(), t.slotId(), t.label(), t.manufacturer(), t.model(), t.serialNumber(),
                    t.pinState().ordered(), t.loginRequired(), t.protectedAuthenticationPath(),
                    t.certificates().stream().map(CertificateView::of).toList());
        }
    }

    record CertificateView(String id, String label, String objectId, String status, String subject, String issuer,
                           String serialNumber, String notBefore, String notAfter, String keyType, int keySize,
                           String curve, List<String> keyUsage, List<String> extendedKeyUsage, boolean hasPrivateKey,
                           String uscc, String certificate) {
        static CertificateView of(TokenCertificate c) {
            String der;
            try {
                der = Base64.getEncoder().encodeToString(c.certificate().getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            return new CertificateView(c.id(), c.label(), c.objectId(), c.status().name(), c.subject(), c.issuer(),
                    c.serialNumber(), c.notBefore().toString(), c.notAfter().toString(), c.keyType().name(),
                    c.keySize(), c.curve(), c.keyUsage(), c.extendedKeyUsage(), c.hasPrivateKey(), c.uscc(), der);
        }
    }
}
