package org.keybridge.config.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;

/**
 * The Ed25519 public keys whose detached signatures KeyBridge accepts (pinned in the program, never taken from
 * the update itself). {@link #release()} are the ones in {@code pinned-ed25519.txt}; tests make their own.
 */
public final class PinnedKeys {
    private final Map<String, Ed25519PublicKeyParameters> keys;

    public PinnedKeys(Map<String, Ed25519PublicKeyParameters> keys) {
        if (keys.isEmpty()) throw new IllegalArgumentException("no pinned key");
        this.keys = Map.copyOf(keys);
    }

    /** The keys built into this KeyBridge. */
    public static PinnedKeys release() {
        try (InputStream in = PinnedKeys.class.getResourceAsStream("pinned-ed25519.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("pinned keys unreadable", e);
        }
    }

    /** Lines {@code ID BASE64(raw 32-byte key)}; {@code #} comments and blank lines skipped. */
    public static PinnedKeys parse(String text) {
        Map<String, Ed25519PublicKeyParameters> out = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            if (f.length != 2) throw new IllegalArgumentException("pinned key line is not 'ID KEY': " + l);
            out.put(f[0], new Ed25519PublicKeyParameters(Base64.getDecoder().decode(f[1]), 0));
        }
        return new PinnedKeys(out);
    }

    public List<String> ids() { return new ArrayList<>(keys.keySet()); }

    /**
     * Checks a detached signature ({@code FILE.sig}: the 64-byte Ed25519 signature in base64) over exactly these
     * bytes; returns the id of the key that made it.
     *
     * @throws ConfigException SIGNATURE_INVALID when it is not base64 of 64 bytes or no pinned key made it
     */
    public String verify(byte[] data, byte[] signatureFile, String what) {
        byte[] sig = DetachedSignature.decode(signatureFile, what);
        for (Map.Entry<String, Ed25519PublicKeyParameters> k : keys.entrySet()) {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, k.getValue());
            v.update(data, 0, data.length);
            if (v.verifySignature(sig)) return k.getKey();
        }
        throw new ConfigException(ConfigCode.SIGNATURE_INVALID,
                what + ": the signature does not match the content under any pinned key " + ids());
    }
}
