package org.keybridge.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.SM3Digest;

/** The login token's hashes by name: the JDK's SHA-2, and SM3 from Bouncy Castle's lightweight API (no provider to register). */
public final class Hashes {
    private Hashes() {}

    public static byte[] digest(String name, byte[] data) {
        if (name.equals("SM3")) {
            SM3Digest d = new SM3Digest();
            d.update(data, 0, data.length);
            byte[] out = new byte[d.getDigestSize()];
            d.doFinal(out, 0);
            return out;
        }
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown hash " + name, e);
        }
    }
}
