package org.keybridge.portal.account;

import static org.keybridge.portal.store.Sql.instant;
import static org.keybridge.portal.store.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** The {@code account} and {@code password_reset} tables; every method works inside the caller's transaction. */
public final class AccountStore {

    /** An account with what only the server sees: the password hash and the throttling state. */
    public record AccountRow(Account account, String passwordHash, int failedLogins, Instant lockedUntil) {}

    /** A stored reset code: its salted hash, when it was sent, when it expires, tries left. */
    public record ResetRow(long accountId, String codeSha256, String saltHex, Instant sentAt, Instant expiresAt,
                           int attemptsLeft) {}

    private static final String COLUMNS = "id, username, uscc, admin_phone, password_hash, must_change_password, "
            + "failed_logins, locked_until, created_at";

    public Account create(Connection c, String username, String uscc, String phone, String passwordHash,
                          boolean mustChange, Instant now) throws SQLException, AccountExistsException {
        if (find(c, username, false).isPresent()) throw new AccountExistsException("account " + username + " exists");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (username, uscc, admin_phone, password_hash,"
                + " must_change_password, failed_logins, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, username);
            ps.setString(2, uscc);
            ps.setString(3, phone);
            ps.setString(4, passwordHash);
            ps.setBoolean(5, mustChange);
            setInstant(ps, 6, now);
            setInstant(ps, 7, now);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return new Account(k.getLong(1), username, uscc, phone, mustChange, now);
            }
        }
    }

    /** The account by user name, or empty; {@code forUpdate} locks the row for the rest of the transaction. */
    public Optional<AccountRow> find(Connection c, String username, boolean forUpdate) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM account WHERE username = ?" + (forUpdate ? " FOR UPDATE" : ""), username);
    }

    public Optional<AccountRow> byId(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM account WHERE id = ?", id);
    }

    public void recordFailure(Connection c, long id, int failedLogins, Instant lockedUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET failed_logins = ?, locked_until = ? WHERE id = ?")) {
            ps.setInt(1, failedLogins);
            setInstant(ps, 2, lockedUntil);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public void recordSuccess(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** A new password hash; also clears the throttling state. */
    public void setPassword(Connection c, long id, String hash, boolean mustChange, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET password_hash = ?, must_change_password = ?,"
                + " password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setBoolean(2, mustChange);
            setInstant(ps, 3, now);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public Optional<ResetRow> reset(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, code_sha256, salt_hex, sent_at, expires_at,"
                + " attempts_left FROM password_reset WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new ResetRow(rs.getLong(1), rs.getString(2).trim(), rs.getString(3).trim(),
                        instant(rs, "sent_at"), instant(rs, "expires_at"), rs.getInt(6)));
            }
        }
    }

    /** Replaces the account's reset code. */
    public void putReset(Connection c, ResetRow r) throws SQLException {
        deleteReset(c, r.accountId());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO password_reset (account_id, code_sha256, salt_hex,"
                + " sent_at, expires_at, attempts_left) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, r.accountId());
            ps.setString(2, r.codeSha256());
            ps.setString(3, r.saltHex());
            setInstant(ps, 4, r.sentAt());
            setInstant(ps, 5, r.expiresAt());
            ps.setInt(6, r.attemptsLeft());
            ps.executeUpdate();
        }
    }

    public void setResetAttempts(Connection c, long accountId, int attemptsLeft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE password_reset SET attempts_left = ? WHERE account_id = ?")) {
            ps.setInt(1, attemptsLeft);
            ps.setLong(2, accountId);
            ps.executeUpdate();
        }
    }

    public void deleteReset(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM password_reset WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            ps.executeUpdate();
        }
    }

    private Optional<AccountRow> one(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Account a = new Account(rs.getLong("id"), rs.getString("username"), rs.getString("uscc").trim(),
                        rs.getString("admin_phone"), rs.getBoolean("must_change_password"), instant(rs, "created_at"));
                return Optional.of(new AccountRow(a, rs.getString("password_hash"), rs.getInt("failed_logins"),
                        instant(rs, "locked_until")));
            }
        }
    }
}
