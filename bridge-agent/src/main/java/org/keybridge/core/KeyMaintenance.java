package org.keybridge.core;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.token.PinSource;
import org.keybridge.token.SigningSession;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user does to their own keys, outside any portal: change the PIN and test that a key signs. No origin is
 * involved, and the data signed is chosen here (random), never by a caller. One audit line per operation.
 */
public final class KeyMaintenance {
    private static final Logger audit = LoggerFactory.getLogger("keybridge.audit");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenDriver driver;

    public KeyMaintenance(TokenDriver driver) { this.driver = driver; }

    /** The outcome of a self-test: the algorithm used and how long login + signature + verification took. */
    public record SelfTest(SignatureAlgorithm algorithm, long millis) {}

    /** One C_SetPIN (see {@link TokenDriver#changePin}); both arrays are wiped. */
    public void changePin(Token token, char[] oldPin, char[] newPin) {
        try {
            driver.changePin(token, oldPin, newPin);
            audit.info("operation=change-pin token={} result=OK", token.serialNumber());
        } catch (KeyBridgeException e) {
            audit.info("operation=change-pin token={} result={}", token.serialNumber(), e.code());
            throw e;
        }
    }

    /**
     * Logs in (the PIN asked once), signs 32 random bytes with the algorithm a login would use, and verifies the
     * signature with the certificate's public key. An expired certificate is tested too: this checks the key.
     */
    public SelfTest selfTest(TokenCertificate cert, PinSource pins) {
        long start = System.nanoTime();
        SignatureAlgorithm alg = AgentCore.algorithmFor(cert);
        byte[] data = new byte[32];
        RANDOM.nextBytes(data);
        try {
            byte[] signature;
            try (SigningSession s = driver.login(cert, pins)) {
                signature = s.sign(alg, data);
            }
            if (!verify(cert, alg, data, signature)) {
                throw new KeyBridgeException(ErrorCode.TOKEN_ERROR, "the key's signature does not verify with certificate "
                        + cert.id() + ": the key and the certificate do not match");
            }
            audit.info("operation=self-test certificate={} result=OK", cert.id());
            return new SelfTest(alg, (System.nanoTime() - start) / 1_000_000);
        } catch (KeyBridgeException e) {
            audit.info("operation=self-test certificate={} result={}", cert.id(), e.code());
            throw e;
        }
    }

    /** JCA verification of a signature as the token format makes it (ECDSA raw r‖s, PSS salt = hash length). */
    static boolean verify(TokenCertificate cert, SignatureAlgorithm alg, byte[] data, byte[] signature) {
        String h = alg.hash().replace("-", "");
        try {
            Signature v = switch (alg.padding()) {
                case NONE -> Signature.getInstance(h + "withECDSAinP1363Format");
                case PKCS1 -> Signature.getInstance(h + "withRSA");
                case PSS -> {
                    Signature s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec(alg.hash(), "MGF1", new MGF1ParameterSpec(alg.hash()),
                            alg.hashLength(), 1));
                    yield s;
                }
            };
            v.initVerify(cert.certificate().getPublicKey());
            v.update(data);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
