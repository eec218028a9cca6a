package org.keybridge.config.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;

/** The {@code .sig} format: one line, the raw 64-byte Ed25519 signature in base64 (what {@code openssl pkeyutl | base64} gives). */
public final class DetachedSignature {
    public static final int LENGTH = 64;

    private DetachedSignature() {}

    public static byte[] decode(byte[] file, String what) {
        byte[] sig;
        try {
            sig = Base64.getMimeDecoder().decode(new String(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigCode.SIGNATURE_INVALID, what + ": the signature file is not base64", e);
        }
        if (sig.length != LENGTH) {
            throw new ConfigException(ConfigCode.SIGNATURE_INVALID, what + ": the signature is " + sig.length + " bytes, not " + LENGTH);
        }
        return sig;
    }

    public static byte[] encode(byte[] signature) {
        return (Base64.getEncoder().encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
