package org.keybridge.config.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.signing.PinnedKeys;
import org.keybridge.config.signing.ReleaseSigner;

/** A fresh Ed25519 test key pair per test class, and signed catalog files made with it. */
final class TestSigning {
    static final ObjectMapper JSON = new ObjectMapper();
    final ReleaseSigner signer;
    final PinnedKeys pinned;

    TestSigning() {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        signer = new ReleaseSigner((Ed25519PrivateKeyParameters) kp.getPrivate());
        pinned = new PinnedKeys(Map.of("test", (Ed25519PublicKeyParameters) kp.getPublic()));
    }

    static ObjectNode catalogTree(long sequence) throws IOException {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("default-catalog.json")) {
            ObjectNode n = (ObjectNode) JSON.readTree(in);
            n.put("sequence", sequence);
            return n;
        }
    }

    static ObjectNode portalListTree(long sequence, String origin) throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"document": "portals", "schemaVersion": 1, "sequence": %d, "published": "2026-11-27", "portals": [
                  {"id": "tax.example", "names": {"zh-CN": "示例税务局", "en": "Example tax office", "es": "Hacienda de ejemplo"},
                   "origins": ["%s"], "allowedOperations": ["authenticate", "bind-certificate"],
                   "trustedIssuers": ["demo.tax-ca"], "verified": true, "sources": ["DEMO"]}]}
                """.formatted(sequence, origin));
    }

    /** Writes the document to dir/name and, signed with the test key, dir/name.sig. */
    Path signed(Path dir, String name, ObjectNode doc) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, JSON.writeValueAsBytes(doc));
        signer.signFile(f);
        return f;
    }
}
