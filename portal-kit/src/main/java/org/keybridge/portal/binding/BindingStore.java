package org.keybridge.portal.binding;

import static org.keybridge.portal.store.Sql.instant;
import static org.keybridge.portal.store.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keybridge.portal.auth.CertificateDetails;
import org.keybridge.portal.session.LoginMethod;

/**
 * The {@code certificate_binding} and {@code binding_audit} tables; every method works inside the caller's
 * transaction. A certificate is identified by its key (SHA-256 of the SubjectPublicKeyInfo) and its issuer, so a
 * certificate renewed on the same key by the same CA still finds the account.
 */
public final class BindingStore {

    private static final String COLUMNS = "id, account_id, issuer_dn, serial_hex, spki_sha256, subject_dn, uscc,"
            + " not_before, not_after, bound_at, unbound_at";

    public Optional<Binding> current(Connection c, long accountId) throws SQLException {
        List<Binding> l = query(c, "SELECT " + COLUMNS + " FROM certificate_binding WHERE account_id = ? AND unbound_at IS NULL",
                accountId);
        return l.stream().findFirst();
    }

    /** Every binding of the account, oldest first. */
    public List<Binding> history(Connection c, long accountId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM certificate_binding WHERE account_id = ? ORDER BY bound_at, id", accountId);
    }

    /** The current binding of the key {@code spkiSha256} issued by {@code issuerDn}, whichever account holds it. */
    public Optional<Binding> currentByKey(Connection c, String spkiSha256, String issuerDn) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM certificate_binding WHERE spki_sha256 = ? AND issuer_dn = ?"
                + " AND unbound_at IS NULL", spkiSha256, issuerDn).stream().findFirst();
    }

    /**
     * Makes {@code cert} the account's current binding: ends the previous one (if any) and writes an audit line with
     * both certificates.
     */
    public BindingChange bind(Connection c, long accountId, CertificateDetails cert, String action, LoginMethod method,
                              Instant now) throws SQLException {
        Optional<Binding> previous = current(c, accountId);
        if (previous.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE certificate_binding SET unbound_at = ? WHERE id = ?")) {
                setInstant(ps, 1, now);
                ps.setLong(2, previous.get().id());
                ps.executeUpdate();
            }
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO certificate_binding (account_id, issuer_dn, serial_hex,"
                + " spki_sha256, subject_dn, uscc, not_before, not_after, bound_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, accountId);
            int i = setCertificate(ps, 2, cert);
            setInstant(ps, i, now);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        }
        Binding old = previous.map(b -> new Binding(b.id(), b.accountId(), b.certificate(), b.boundAt(), now)).orElse(null);
        Binding fresh = new Binding(id, accountId, cert, now, null);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO binding_audit (account_id, occurred_at, action, login_method,"
                + " old_binding_id, old_issuer_dn, old_serial_hex, old_spki_sha256, old_subject_dn, old_uscc, old_not_before,"
                + " old_not_after, new_binding_id, new_issuer_dn, new_serial_hex, new_spki_sha256, new_subject_dn, new_uscc,"
                + " new_not_before, new_not_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, accountId);
            setInstant(ps, 2, now);
            ps.setString(3, action);
            ps.setString(4, method.name());
            ps.setObject(5, old == null ? null : old.id());
            int i = setCertificate(ps, 6, old == null ? null : old.certificate());
            ps.setLong(i, id);
            setCertificate(ps, i + 1, cert);
            ps.executeUpdate();
        }
        return new BindingChange(old, fresh);
    }

    /** The account's audit trail, oldest first. */
    public List<BindingAuditEntry> audit(Connection c, long accountId) throws SQLException {
        List<BindingAuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM binding_audit WHERE account_id = ? ORDER BY occurred_at, id")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BindingAuditEntry(rs.getLong("id"), rs.getLong("account_id"), instant(rs, "occurred_at"),
                            rs.getString("action"), LoginMethod.valueOf(rs.getString("login_method")),
                            rs.getString("old_issuer_dn") == null ? null : certificate(rs, "old_"), certificate(rs, "new_")));
                }
            }
        }
        return out;
    }

    /** Sets issuer, serial, spki, subject, uscc, notBefore, notAfter from {@code i}; returns the next index. */
    private static int setCertificate(PreparedStatement ps, int i, CertificateDetails d) throws SQLException {
        ps.setString(i, d == null ? null : d.issuer());
        ps.setString(i + 1, d == null ? null : d.serialNumber());
        ps.setString(i + 2, d == null ? null : d.spkiSha256());
        ps.setString(i + 3, d == null ? null : d.subject());
        ps.setString(i + 4, d == null ? null : d.uscc());
        setInstant(ps, i + 5, d == null ? null : d.notBefore());
        setInstant(ps, i + 6, d == null ? null : d.notAfter());
        return i + 7;
    }

    private static CertificateDetails certificate(ResultSet rs, String prefix) throws SQLException {
        return new CertificateDetails(rs.getString(prefix + "subject_dn"), rs.getString(prefix + "issuer_dn"),
                rs.getString(prefix + "serial_hex"), instant(rs, prefix + "not_before"), instant(rs, prefix + "not_after"),
                rs.getString(prefix + "spki_sha256").trim(), rs.getString(prefix + "uscc").trim());
    }

    private static List<Binding> query(Connection c, String sql, Object... args) throws SQLException {
        List<Binding> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Binding(rs.getLong("id"), rs.getLong("account_id"), certificate(rs, ""),
                            instant(rs, "bound_at"), instant(rs, "unbound_at")));
                }
            }
        }
        return out;
    }
}
