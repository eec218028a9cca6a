package org.keybridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.EcdsaEncoding;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge sign}: signs a file's bytes with a key on a token, for IT checks. */
@Command(name = "sign", description = "Sign a file's bytes with the key of a certificate (an IT check that the key works).")
final class SignCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    @Option(names = "--cert", required = true, paramLabel = "ID",
            description = "certificate id (see: tokens), or the label of a token that holds exactly one certificate")
    String certificateId;

    @Option(names = "--pin-file", paramLabel = "F", description = "file holding the PIN, or a pins.json map; default: ask on the terminal")
    Path pinFile;

    @Option(names = "--alg", required = true, paramLabel = "ALG", description = "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512")
    String algorithm;

    @Option(names = "--in", required = true, paramLabel = "FILE") Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Option(names = "--der", description = "ECDSA as an ASN.1 DER sequence (as openssl wants) instead of raw r||s")
    boolean der;

    @Override
    public Integer call() throws Exception {
        SignatureAlgorithm alg = SignatureAlgorithm.byName(algorithm);
        if (alg == null) throw new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, "unknown algorithm " + algorithm);
        byte[] data = Files.readAllBytes(in);
        try (TokenDriver driver = Drivers.open(cli.config())) {
            TokenCertificate c = resolve(driver, certificateId);
            if (!c.status().usable()) {
                // an IT check may test the key behind an expired certificate; a login never would
                System.err.println("warning: certificate is " + c.status() + " (" + c.notAfter() + "); signing anyway for this check");
            }
            byte[] sig = driver.sign(c.id(), alg, der ? EcdsaEncoding.DER : EcdsaEncoding.RAW, data,
                    pinFile != null ? PinFile.read(pinFile) : PinFile.console());
            Files.write(out, sig);
            System.err.printf("signed %d bytes with %s (%s): %d-byte signature in %s%n", data.length, c.label(), alg, sig.length, out);
        }
        return 0;
    }

    /**
     * A certificate id, or a token label that names exactly one certificate with a key (an SKF container's
     * encryption certificate, whose key the token does not hold, does not count).
     */
    static TokenCertificate resolve(TokenDriver driver, String idOrLabel) {
        if (idOrLabel.matches("(?i)[0-9a-f]{64}")) return driver.certificate(idOrLabel);
        var onToken = driver.certificates().stream().filter(c -> c.tokenLabel().equals(idOrLabel)).toList();
        var withKey = onToken.stream().filter(TokenCertificate::hasPrivateKey).toList();
        if (withKey.size() == 1) return withKey.get(0);
        if (onToken.size() == 1) return onToken.get(0);
        throw new KeyBridgeException(ErrorCode.NO_CERTIFICATE, onToken.isEmpty()
                ? "no certificate with id, and no token labelled, " + idOrLabel
                : "token " + idOrLabel + " holds " + onToken.size() + " certificates; give the certificate id");
    }
}
