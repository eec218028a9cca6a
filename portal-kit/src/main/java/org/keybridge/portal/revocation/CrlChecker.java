package org.keybridge.portal.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.keybridge.portal.auth.AuthTokenException;

/**
 * Revocation by CRLs the portal keeps as files (DER or PEM; one file may hold several), e.g. fetched by a cron job
 * from each CA's distribution point. A file is read again when its modification time changes.
 *
 * <p>For each certificate: the CRL of its issuer (same name, signature verified with the issuer's key, thisUpdate
 * not in the future, nextUpdate not passed) must be at hand; its serial on it → CERTIFICATE_REVOKED. No current
 * CRL of the issuer → REVOCATION_UNAVAILABLE when {@code required} (the default), else the check passes.
 */
public final class CrlChecker implements RevocationChecker {

    private record Loaded(FileTime modified, List<X509CRL> crls) {}

    private final List<Path> files;
    private final boolean required;
    private final Clock clock;
    private final Loaded[] loaded;

    private CrlChecker(List<Path> files, boolean required, Clock clock) {
        this.files = List.copyOf(files);
        this.required = required;
        this.clock = clock;
        this.loaded = new Loaded[files.size()];
    }

    /** CRL files; a missing or stale CRL refuses the certificate (fail closed). */
    public static CrlChecker required(Clock clock, Path... files) {
        return new CrlChecker(List.of(files), true, clock);
    }

    /** CRL files; a missing or stale CRL lets the certificate pass, a listed serial still refuses it. */
    public static CrlChecker optional(Clock clock, Path... files) {
        return new CrlChecker(List.of(files), false, clock);
    }

    @Override
    public void check(X509Certificate cert, X509Certificate issuer) throws AuthTokenException {
        Instant now = clock.instant();
        String problem = "no CRL of " + issuer.getSubjectX500Principal().getName() + " among " + files;
        for (X509CRL crl : crls()) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) continue;
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                problem = "the CRL of " + issuer.getSubjectX500Principal().getName() + " does not verify with its key";
                continue;
            }
            if (crl.getThisUpdate().toInstant().isAfter(now)) {
                problem = "the CRL's thisUpdate " + crl.getThisUpdate().toInstant() + " is in the future";
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
            if (entry != null) {
                throw new CertificateRevokedException("certificate serial " + cert.getSerialNumber().toString(16)
                        + " is on the CRL of " + issuer.getSubjectX500Principal().getName() + " since "
                        + entry.getRevocationDate().toInstant());
            }
            if (crl.getNextUpdate() != null && !crl.getNextUpdate().toInstant().isAfter(now)) {
                problem = "the CRL of " + issuer.getSubjectX500Principal().getName() + " is stale (nextUpdate "
                        + crl.getNextUpdate().toInstant() + ")";
                continue;
            }
            return; // a current CRL that does not list it
        }
        if (required) throw new RevocationUnavailableException(problem);
    }

    /** The CRLs of every file, each file re-read when its modification time changed. */
    private synchronized List<X509CRL> crls() throws RevocationUnavailableException {
        List<X509CRL> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try {
                FileTime m = Files.getLastModifiedTime(f);
                if (loaded[i] == null || !loaded[i].modified().equals(m)) loaded[i] = new Loaded(m, read(f));
                out.addAll(loaded[i].crls());
            } catch (IOException | GeneralSecurityException e) {
                loaded[i] = null;
                if (required) throw new RevocationUnavailableException("cannot read the CRL file " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<X509CRL> read(Path f) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(f)) {
            Collection<? extends java.security.cert.CRL> all = CertificateFactory.getInstance("X.509").generateCRLs(in);
            List<X509CRL> out = new ArrayList<>();
            for (var c : all) out.add((X509CRL) Objects.requireNonNull(c));
            return out;
        }
    }
}
