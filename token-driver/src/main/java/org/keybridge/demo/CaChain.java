package org.keybridge.demo;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A demo hierarchy: a self-signed root, the issuing CA it certified, and the issuing CA's key. */
public record CaChain(String name, X509Certificate root, X509Certificate issuing, PrivateKey issuingKey) {

    public CaChain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(issuing, "issuing");
        Objects.requireNonNull(issuingKey, "issuingKey");
    }

    /** Issuing CA first, then the root: the order a TLS peer or openssl expects. */
    public List<X509Certificate> chain() {
        return List.of(issuing, root);
    }

    /** Leaves the key out, so that logging a chain never prints key material. */
    @Override
    public String toString() {
        return "CaChain[" + name + ", issuing=" + issuing.getSubjectX500Principal().getName()
                + ", root=" + root.getSubjectX500Principal().getName() + "]";
    }
}
