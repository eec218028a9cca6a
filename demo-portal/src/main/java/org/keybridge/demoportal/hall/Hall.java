package org.keybridge.demoportal.hall;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import org.keybridge.format.AuthToken;
import org.keybridge.portal.auth.AuthTokenException;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.auth.ValidatedToken;
import org.keybridge.portal.challenge.ChallengeNonce;
import org.keybridge.portal.challenge.ChallengeStore;
import org.keybridge.portal.challenge.Purpose;

/**
 * The service hall's accounts and what the pages do with them: certificate and password login, the first-login
 * password change, the password reset by SMS code, and the rebind of an account to another certificate.
 *
 * <p>INTERIM: challenges and token validation are portal-kit's ({@link ChallengeStore}, {@link AuthTokenValidator});
 * accounts, bindings and reset codes are held here in memory until portal-kit's {@code Portal} facade (bindings,
 * history, Argon2id, H2 by Flyway) lands, and then this class only delegates to it.
 */
public final class Hall {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    /** An account's state as the enterprise page shows it. */
    public record AccountView(String username, String company, String uscc, String phone, CertificateView binding,
                              List<HistoryEntry> history) {}

    public record HistoryEntry(Instant at, String action, CertificateView from, CertificateView to) {}

    public record PasswordLogin(String account, boolean mustChangePassword) {}

    private static final class Account {
        final String username;
        final String company;
        final String uscc;
        final String phone;
        String passwordHash;
        boolean mustChangePassword = true;
        X509Certificate bound;
        final List<HistoryEntry> history = new ArrayList<>();
        String resetCode;
        Instant resetExpires;

        Account(String username, String company, String uscc, String phone) {
            this.username = username;
            this.company = company;
            this.uscc = uscc;
            this.phone = phone;
        }
    }

    private final ChallengeStore challenges;
    private final AuthTokenValidator validator;
    private final SmsOutbox sms;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    public Hall(AuthTokenValidator validator, SmsOutbox sms, Clock clock) {
        this.challenges = ChallengeStore.builder().clock(clock).build();
        this.validator = validator;
        this.sms = sms;
        this.clock = clock;
    }

    /** Creates an account with the initial password (to be changed at first login), bound to {@code certificate}. */
    public synchronized void createAccount(String username, String company, String uscc, String phone,
                                           String initialPassword, X509Certificate certificate) {
        Account a = new Account(username, company, uscc, phone);
        a.passwordHash = hash(initialPassword);
        a.bound = certificate;
        accounts.put(username, a);
    }

    public ChallengeNonce challenge(String sessionId, Purpose purpose) {
        return challenges.issue(sessionId, purpose);
    }

    /** The account bound to the token's certificate; the token must answer this session's LOGIN challenge. */
    public String loginWithCertificate(String sessionId, String tokenJson, String nonce) throws HallException {
        ValidatedToken v = validate(sessionId, Purpose.LOGIN, tokenJson, nonce);
        synchronized (this) {
            for (Account a : accounts.values()) {
                if (a.bound != null && a.bound.equals(v.certificate())) return a.username;
            }
        }
        throw new HallException("NOT_BOUND", "certificate is not bound to an account");
    }

    public synchronized PasswordLogin loginWithPassword(String username, String password) throws HallException {
        Account a = username == null ? null : accounts.get(username.trim());
        if (a == null || password == null || !verify(password, a.passwordHash)) {
            throw new HallException("BAD_CREDENTIALS", "user name or password is wrong");
        }
        return new PasswordLogin(a.username, a.mustChangePassword);
    }

    public synchronized void changePassword(String username, String current, String next) throws HallException {
        Account a = require(username);
        if (current == null || !verify(current, a.passwordHash)) throw new HallException("BAD_CREDENTIALS", "current password is wrong");
        setPassword(a, next);
    }

    /** Sends a reset code by SMS to the account's administrator phone; answers the phone, masked. */
    public synchronized String startPasswordReset(String username) throws HallException {
        Account a = username == null ? null : accounts.get(username.trim());
        if (a == null) throw new HallException("UNKNOWN_ACCOUNT", "no such account");
        a.resetCode = String.format("%06d", random.nextInt(1_000_000));
        a.resetExpires = clock.instant().plus(CODE_LIFETIME);
        try {
            sms.send(a.phone, "【社保网上服务大厅 演示】验证码 " + a.resetCode + "，10分钟内有效。Verification code / código: "
                    + a.resetCode);
        } catch (IOException e) {
            throw new HallException("SMS_FAILED", "the SMS could not be sent", e);
        }
        return mask(a.phone);
    }

    public synchronized void resetPassword(String username, String code, String next) throws HallException {
        Account a = username == null ? null : accounts.get(username.trim());
        if (a == null || a.resetCode == null || code == null || !MessageDigest.isEqual(a.resetCode.getBytes(), code.trim().getBytes())
                || clock.instant().isAfter(a.resetExpires)) {
            throw new HallException("BAD_CODE", "wrong or expired code");
        }
        setPassword(a, next);
        a.resetCode = null;
    }

    /** Binds the logged-in account to the token's certificate, which must carry the account's USCC. */
    public CertificateView rebind(String sessionId, String username, String tokenJson, String nonce) throws HallException {
        ValidatedToken v = validate(sessionId, Purpose.BIND, tokenJson, nonce);
        synchronized (this) {
            Account a = require(username);
            if (!a.uscc.equals(v.uscc())) throw new HallException("USCC_MISMATCH", "certificate's USCC is not the account's");
            CertificateView from = a.bound == null ? null : CertificateView.of(a.bound, a.uscc);
            CertificateView to = CertificateView.of(v.certificate(), v.uscc());
            a.bound = v.certificate();
            a.history.add(new HistoryEntry(clock.instant(), "REBIND", from, to));
            return to;
        }
    }

    public synchronized AccountView account(String username) throws HallException {
        Account a = require(username);
        return new AccountView(a.username, a.company, a.uscc, mask(a.phone),
                a.bound == null ? null : CertificateView.of(a.bound, a.uscc), List.copyOf(a.history));
    }

    /** The demo SMS outbox, newest first. */
    public List<SmsOutbox.Sms> outbox() throws IOException {
        return sms.messages();
    }

    private ValidatedToken validate(String sessionId, Purpose purpose, String tokenJson, String nonce) throws HallException {
        AuthToken token;
        try {
            token = JSON.readValue(tokenJson, AuthToken.class);
        } catch (IOException | RuntimeException e) {
            throw new HallException("TOKEN_PARSE", "the token is not the agent's JSON");
        }
        try {
            challenges.consume(sessionId, purpose, nonce);
            return validator.validate(token, nonce);
        } catch (AuthTokenException e) {
            throw new HallException(e.code(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new HallException("TOKEN_PARSE", e.getMessage(), e);
        }
    }

    private Account require(String username) throws HallException {
        Account a = username == null ? null : accounts.get(username);
        if (a == null) throw new HallException("NOT_LOGGED_IN", "no such account");
        return a;
    }

    private void setPassword(Account a, String next) throws HallException {
        if (next == null || next.length() < 8 || next.equals("123456") || next.chars().allMatch(Character::isDigit)) {
            throw new HallException("WEAK_PASSWORD", "at least 8 characters, not digits only");
        }
        a.passwordHash = hash(next);
        a.mustChangePassword = false;
    }

    static String mask(String phone) {
        return phone.length() < 7 ? phone : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    private String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(pbkdf2(password, salt));
    }

    private static boolean verify(String password, String stored) {
        String[] p = stored.split(":");
        return MessageDigest.isEqual(Base64.getDecoder().decode(p[1]), pbkdf2(password, Base64.getDecoder().decode(p[0])));
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 100_000, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
