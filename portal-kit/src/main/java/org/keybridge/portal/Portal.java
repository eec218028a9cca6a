package org.keybridge.portal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.keybridge.format.AuthToken;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.account.AccountLockedException;
import org.keybridge.portal.account.AccountStore;
import org.keybridge.portal.account.AccountStore.AccountRow;
import org.keybridge.portal.account.AccountUnknownException;
import org.keybridge.portal.account.InvalidCredentialsException;
import org.keybridge.portal.account.LoginThrottle;
import org.keybridge.portal.account.PasswordChangeRequiredException;
import org.keybridge.portal.account.ResetCodeExpiredException;
import org.keybridge.portal.account.ResetCodeInvalidException;
import org.keybridge.portal.account.ResetCodes;
import org.keybridge.portal.account.ResetTooSoonException;
import org.keybridge.portal.account.SmsGateway;
import org.keybridge.portal.auth.AuthTokenJson;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.auth.CertificateDetails;
import org.keybridge.portal.auth.NonceUnknownException;
import org.keybridge.portal.auth.ValidatedToken;
import org.keybridge.portal.binding.Binding;
import org.keybridge.portal.binding.BindingAuditEntry;
import org.keybridge.portal.binding.BindingChange;
import org.keybridge.portal.binding.BindingStore;
import org.keybridge.portal.binding.CertificateBoundElsewhereException;
import org.keybridge.portal.binding.CertificateNotBoundException;
import org.keybridge.portal.binding.UsccMismatchException;
import org.keybridge.portal.challenge.ChallengeNonce;
import org.keybridge.portal.challenge.ChallengeStore;
import org.keybridge.portal.challenge.Purpose;
import org.keybridge.portal.identity.UsccMissingException;
import org.keybridge.portal.password.Argon2idHasher;
import org.keybridge.portal.password.PasswordHasher;
import org.keybridge.portal.password.PasswordPolicy;
import org.keybridge.portal.session.LoginMethod;
import org.keybridge.portal.session.NotLoggedInException;
import org.keybridge.portal.session.SessionLogin;
import org.keybridge.portal.session.SessionRegistry;
import org.keybridge.portal.store.PortalDatabase;
import org.keybridge.uscc.Uscc;

/**
 * What a portal's server calls, one method per step of the story: challenges, certificate and password logins,
 * password change and reset, and certificate (re)binding. Thread-safe. Every refusal is a {@link PortalException}
 * with a stable code.
 *
 * <pre>{@code
 * Portal portal = Portal.builder()
 *         .database(PortalDatabase.h2(dir))
 *         .validator(AuthTokenValidator.builder().origin("https://portal.example.cn").trustedCertificates(ca)…build())
 *         .smsGateway(new OutboxSmsGateway(dir.resolve("sms-outbox.jsonl")))
 *         .build();
 * String nonce = portal.challenge(session, Purpose.LOGIN).value();   // to the page, which asks the agent
 * Account a = portal.loginWithCertificate(session, tokenJson);        // the token the agent made
 * }</pre>
 *
 * <p>Sessions are the browser sessions of the web framework, named by an id the portal keeps secret; this class
 * remembers in memory (see {@link SessionRegistry}) who each one is logged in as and the nonce it was last given
 * per purpose.
 */
public final class Portal {

    /** Accounts are created with this password, which must be changed at first login. */
    public static final String DEFAULT_INITIAL_PASSWORD = "123456";

    private final PortalDatabase db;
    private final AuthTokenValidator validator;
    private final Clock clock;
    private final SmsGateway sms;
    private final ChallengeStore challenges;
    private final SessionRegistry sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final ResetCodes resetCodes;
    private final Locale smsLocale;
    private final String smsSender;
    private final AccountStore accounts = new AccountStore();
    private final BindingStore bindings = new BindingStore();
    /** Verified against when the user name is unknown, so that a miss costs as long as a wrong password. */
    private final String dummyHash;

    private Portal(Builder b) {
        this.db = Objects.requireNonNull(b.db, "database");
        this.validator = Objects.requireNonNull(b.validator, "validator");
        this.clock = b.clock;
        this.sms = Objects.requireNonNull(b.sms, "smsGateway");
        this.challenges = b.challenges != null ? b.challenges : ChallengeStore.builder().clock(b.clock).build();
        this.sessions = new SessionRegistry(b.clock);
        this.hasher = b.hasher != null ? b.hasher : new Argon2idHasher();
        this.throttle = b.throttle;
        this.resetCodes = new ResetCodes(b.random);
        this.smsLocale = b.smsLocale;
        this.smsSender = b.smsSender;
        this.dummyHash = hasher.hash("not a password of anyone");
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- challenges -------------------------------------------------------------------------------------------

    /**
     * A fresh nonce for this session and purpose (32 random bytes, base64, 5 minutes, single use). The session's
     * next {@link #loginWithCertificate} (LOGIN) or {@link #rebind} (BIND) is checked against it.
     */
    public ChallengeNonce challenge(String sessionId, Purpose purpose) {
        ChallengeNonce n = challenges.issue(sessionId, purpose);
        sessions.rememberNonce(sessionId, purpose, n.value());
        return n;
    }

    // ---- certificate login ------------------------------------------------------------------------------------

    /**
     * Logs the session in with a login token made over the session's last LOGIN nonce.
     *
     * @return the account the token's certificate is bound to (by its key and issuer)
     * @throws org.keybridge.portal.auth.CertificateExpiredException with {@code certificate()}: which one and since
     *     when, so the page can explain and offer the password login
     * @throws CertificateNotBoundException valid, but bound to no account
     * @throws org.keybridge.portal.auth.AuthTokenException any other token or nonce failure
     */
    public Account loginWithCertificate(String sessionId, String tokenJson) throws PortalException {
        return loginWithCertificate(sessionId, tokenJson, sessionNonce(sessionId, Purpose.LOGIN));
    }

    /** As {@link #loginWithCertificate(String, String)}, with the nonce the page sent back (checked against the session). */
    public Account loginWithCertificate(String sessionId, String tokenJson, String nonce) throws PortalException {
        ValidatedToken v = spendAndValidate(sessionId, Purpose.LOGIN, tokenJson, nonce);
        CertificateDetails d = CertificateDetails.of(v.certificate(), v.uscc());
        Optional<Binding> b = db.read(c -> bindings.currentByKey(c, d.spkiSha256(), d.issuer()));
        if (b.isEmpty()) {
            throw new CertificateNotBoundException("certificate " + d.subject() + " (serial " + d.serialNumber()
                    + ") is bound to no account");
        }
        Account a = db.read(c -> accounts.byId(c, b.get().accountId())).orElseThrow().account();
        sessions.loggedIn(sessionId, new SessionLogin(a.id(), LoginMethod.CERTIFICATE, false, clock.instant()));
        return a;
    }

    // ---- passwords --------------------------------------------------------------------------------------------

    /**
     * Checks a password, throttled per account ({@link LoginThrottle}). With a {@code sessionId}, the session is
     * logged in — only to change the password while {@link PasswordLogin#mustChangePassword()}.
     *
     * @throws InvalidCredentialsException unknown user or wrong password
     * @throws AccountLockedException too many wrong passwords: wait until {@code lockedUntil()}
     */
    public PasswordLogin loginWithPassword(String sessionId, String username, String password) throws PortalException {
        Account a = checkPassword(username, password);
        if (sessionId != null) {
            sessions.loggedIn(sessionId, new SessionLogin(a.id(), LoginMethod.PASSWORD, a.mustChangePassword(), clock.instant()));
        }
        return new PasswordLogin(a, a.mustChangePassword());
    }

    /**
     * Replaces the password after checking the current one (throttled like a login) and {@link PasswordPolicy}. Clears
     * {@code mustChangePassword}; a session given is then fully logged in.
     */
    public Account changePassword(String sessionId, String username, String oldPassword, String newPassword)
            throws PortalException {
        Account a = checkPassword(username, oldPassword);
        PasswordPolicy.check(username, newPassword, DEFAULT_INITIAL_PASSWORD, oldPassword);
        String hash = hasher.hash(newPassword);
        Instant now = clock.instant();
        db.transaction(c -> {
            accounts.setPassword(c, a.id(), hash, false, now);
            return null;
        });
        Account changed = new Account(a.id(), a.username(), a.uscc(), a.adminPhone(), false, a.createdAt());
        if (sessionId != null) sessions.loggedIn(sessionId, new SessionLogin(a.id(), LoginMethod.PASSWORD, false, now));
        return changed;
    }

    /**
     * Sends a 6-digit reset code to the account's administrator phone through the {@link SmsGateway} (valid 10
     * minutes, single use, 5 tries; at most one a minute).
     *
     * @throws AccountUnknownException no such user name
     * @throws ResetTooSoonException a code was sent less than a minute ago
     */
    public PasswordResetStarted startPasswordReset(String username) throws PortalException {
        Instant now = clock.instant();
        String code = resetCodes.newCode();
        Account a = db.transaction(c -> {
            AccountRow row = accounts.find(c, username, true)
                    .orElseThrow(() -> new AccountUnknownException("no account " + username));
            var previous = accounts.reset(c, row.account().id());
            if (previous.isPresent() && now.isBefore(previous.get().sentAt().plus(ResetCodes.RESEND_INTERVAL))) {
                throw new ResetTooSoonException("a reset code was sent at " + previous.get().sentAt());
            }
            accounts.putReset(c, resetCodes.row(row.account().id(), code, now));
            return row.account();
        });
        sms.send(a.adminPhone(), PortalMessages.text("sms.resetCode", smsLocale, smsSender, code,
                ResetCodes.LIFETIME.toMinutes()));
        return new PasswordResetStarted(a.maskedPhone(), now.plus(ResetCodes.LIFETIME));
    }

    /**
     * Sets a new password with a reset code: the code is spent on success; each wrong code costs one of 5 tries.
     * Clears the login throttle and {@code mustChangePassword}.
     *
     * @throws ResetCodeInvalidException wrong, used, never sent, or out of tries
     * @throws ResetCodeExpiredException older than 10 minutes
     */
    public Account resetPassword(String username, String code, String newPassword) throws PortalException {
        Instant now = clock.instant();
        // the policy first, so that a weak password does not cost the user a try
        PasswordPolicy.check(username, newPassword, DEFAULT_INITIAL_PASSWORD, null);
        String hash = hasher.hash(newPassword);
        Object outcome = db.transaction(c -> {
            Optional<AccountRow> row = accounts.find(c, username, true);
            if (row.isEmpty()) return new ResetCodeInvalidException("no reset code for " + username);
            long id = row.get().account().id();
            var r = accounts.reset(c, id);
            if (r.isEmpty() || r.get().attemptsLeft() <= 0) return new ResetCodeInvalidException("no reset code is pending");
            if (!now.isBefore(r.get().expiresAt())) {
                accounts.deleteReset(c, id);
                return new ResetCodeExpiredException("the reset code expired at " + r.get().expiresAt());
            }
            if (!ResetCodes.matches(r.get(), code)) {
                int left = r.get().attemptsLeft() - 1;
                if (left <= 0) accounts.deleteReset(c, id);
                else accounts.setResetAttempts(c, id, left);
                return new ResetCodeInvalidException("wrong reset code; " + left + " tries left");
            }
            accounts.deleteReset(c, id);
            accounts.setPassword(c, id, hash, false, now);
            Account a = row.get().account();
            return new Account(a.id(), a.username(), a.uscc(), a.adminPhone(), false, a.createdAt());
        });
        // refusals are returned, not thrown, so that the spent try is committed
        if (outcome instanceof PortalException e) throw e;
        return (Account) outcome;
    }

    // ---- bindings ---------------------------------------------------------------------------------------------

    /**
     * Binds the certificate of a token made over the session's last BIND nonce to {@code account}, replacing the
     * current binding. The session must be logged in as that account (password, changed from the initial one, or a
     * certificate); the certificate must chain to a trusted CA and carry the account's USCC, and not be bound to
     * another account. The old and new certificates are written to the audit trail.
     *
     * @throws NotLoggedInException the session is not logged in as {@code account}
     * @throws PasswordChangeRequiredException the session still has to change the initial password
     * @throws UsccMismatchException the certificate is another enterprise's
     */
    public BindingChange rebind(String sessionId, Account account, String tokenJson) throws PortalException {
        return rebind(sessionId, account, tokenJson, sessionNonce(sessionId, Purpose.BIND));
    }

    /** As {@link #rebind(String, Account, String)}, with the nonce the page sent back (checked against the session). */
    public BindingChange rebind(String sessionId, Account account, String tokenJson, String nonce) throws PortalException {
        SessionLogin login = requireLoggedIn(sessionId, account);
        ValidatedToken v = spendAndValidate(sessionId, Purpose.BIND, tokenJson, nonce);
        CertificateDetails d = CertificateDetails.of(v.certificate(), v.uscc());
        requireUscc(d, account);
        Instant now = clock.instant();
        return db.transaction(c -> {
            Optional<Binding> holder = bindings.currentByKey(c, d.spkiSha256(), d.issuer());
            if (holder.isPresent() && holder.get().accountId() != account.id()) {
                throw new CertificateBoundElsewhereException("certificate " + d.subject() + " is bound to another account");
            }
            Optional<Binding> current = bindings.current(c, account.id());
            if (current.isPresent() && holder.isPresent() && current.get().id() == holder.get().id()
                    && current.get().certificate().serialNumber().equals(d.serialNumber())) {
                return new BindingChange(current.get(), current.get()); // the same certificate again: nothing to do
            }
            return bindings.bind(c, account.id(), d, current.isPresent() ? "REBIND" : "BIND", login.method(), now);
        });
    }

    /** The account's current binding, if any. */
    public Optional<Binding> binding(Account account) {
        return db.read(c -> bindings.current(c, account.id()));
    }

    /** Every certificate ever bound to the account, oldest first. */
    public List<Binding> history(Account account) {
        return db.read(c -> bindings.history(c, account.id()));
    }

    /** The account's binding audit trail (both certificates of every bind and rebind), oldest first. */
    public List<BindingAuditEntry> audit(Account account) {
        return db.read(c -> bindings.audit(c, account.id()));
    }

    // ---- sessions and seeding ---------------------------------------------------------------------------------

    /** The account this session is logged in as (also while a password change is pending). */
    public Optional<Account> sessionAccount(String sessionId) {
        return sessions.login(sessionId).flatMap(l -> db.read(c -> accounts.byId(c, l.accountId())).map(AccountRow::account));
    }

    /** How this session logged in, if it did. */
    public Optional<SessionLogin> sessionLogin(String sessionId) {
        return sessions.login(sessionId);
    }

    public void logout(String sessionId) {
        sessions.logout(sessionId);
    }

    public Optional<Account> account(String username) {
        return db.read(c -> accounts.find(c, username, false)).map(AccountRow::account);
    }

    /** Creates an account with the initial password {@value #DEFAULT_INITIAL_PASSWORD}, to be changed at first login. */
    public Account createAccount(String username, String uscc, String adminPhone) throws PortalException {
        return createAccount(username, uscc, adminPhone, DEFAULT_INITIAL_PASSWORD);
    }

    /**
     * Creates an account (seeding, administration) whose {@code initialPassword} must be changed at first login.
     *
     * @throws IllegalArgumentException a malformed user name, USCC or phone
     * @throws org.keybridge.portal.account.AccountExistsException the user name is taken
     */
    public Account createAccount(String username, String uscc, String adminPhone, String initialPassword)
            throws PortalException {
        if (username == null || !username.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits or . _ @ -");
        }
        String code = Uscc.parse(uscc).value();
        if (adminPhone == null || !adminPhone.matches("\\+?[0-9]{7,20}")) {
            throw new IllegalArgumentException("administrator phone must be 7-20 digits");
        }
        String hash = hasher.hash(Objects.requireNonNull(initialPassword, "initialPassword"));
        Instant now = clock.instant();
        return db.transaction(c -> accounts.create(c, username, code, adminPhone, hash, true, now));
    }

    /**
     * Binds a certificate to an account without a token (seeding, administration: e.g. the certificate the account
     * had before it expired). Audited as SEED. The certificate must carry the account's USCC where its CA puts it.
     */
    public BindingChange seedBinding(Account account, X509Certificate certificate) throws PortalException {
        CertificateDetails d = CertificateDetails.of(certificate, validator.usccOf(certificate));
        requireUscc(d, account);
        Instant now = clock.instant();
        return db.transaction(c -> bindings.bind(c, account.id(), d, "SEED", LoginMethod.ADMIN, now));
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private String sessionNonce(String sessionId, Purpose purpose) throws NonceUnknownException {
        String n = sessions.takeNonce(sessionId, purpose);
        if (n == null) throw new NonceUnknownException("no " + purpose + " challenge was issued to this session");
        return n;
    }

    /** Spends the nonce (whatever the outcome), then validates the token against it. */
    private ValidatedToken spendAndValidate(String sessionId, Purpose purpose, String tokenJson, String nonce)
            throws PortalException {
        challenges.consume(sessionId, purpose, nonce);
        AuthToken token = AuthTokenJson.parse(tokenJson);
        return validator.validate(token, nonce);
    }

    private SessionLogin requireLoggedIn(String sessionId, Account account) throws PortalException {
        SessionLogin l = sessions.login(sessionId).orElse(null);
        if (l == null || l.accountId() != account.id()) {
            throw new NotLoggedInException("this session is not logged in as " + account.username());
        }
        if (l.passwordChangePending()) {
            throw new PasswordChangeRequiredException("the initial password of " + account.username() + " must be changed first");
        }
        return l;
    }

    private static void requireUscc(CertificateDetails d, Account account) throws PortalException {
        if (d.uscc() == null) {
            throw new UsccMissingException("certificate " + d.subject() + " carries no USCC");
        }
        if (!d.uscc().equals(account.uscc())) {
            throw new UsccMismatchException("certificate " + d.subject() + " is for USCC " + d.uscc() + ", the account "
                    + account.username() + " for " + account.uscc());
        }
    }

    /** The password check shared by login and change: throttled, constant work for unknown users. */
    private Account checkPassword(String username, String password) throws PortalException {
        Instant now = clock.instant();
        Optional<AccountRow> found = username == null ? Optional.empty() : db.read(c -> accounts.find(c, username, false));
        if (found.isEmpty()) {
            hasher.verify(dummyHash, password == null ? "" : password);
            throw new InvalidCredentialsException("unknown user name or wrong password");
        }
        AccountRow row = found.get();
        if (row.lockedUntil() != null && now.isBefore(row.lockedUntil())) {
            throw new AccountLockedException("account " + username + " is locked until " + row.lockedUntil(), row.lockedUntil());
        }
        boolean ok = password != null && hasher.verify(row.passwordHash(), password);
        long id = row.account().id();
        if (!ok) {
            Instant until = db.transaction(c -> {
                // re-read under the row lock: concurrent failures must all count
                AccountRow locked = accounts.find(c, username, true).orElseThrow();
                int failures = locked.failedLogins() + 1;
                Instant u = throttle.lockedUntil(failures, now);
                accounts.recordFailure(c, id, failures, u);
                return u;
            });
            if (until != null) {
                throw new AccountLockedException("too many wrong passwords: account " + username + " is locked until " + until, until);
            }
            throw new InvalidCredentialsException("unknown user name or wrong password");
        }
        String rehash = hasher.needsRehash(row.passwordHash()) ? hasher.hash(password) : null;
        db.transaction(c -> {
            accounts.recordSuccess(c, id);
            if (rehash != null) accounts.setPassword(c, id, rehash, row.account().mustChangePassword(), now);
            return null;
        });
        return row.account();
    }

    public static final class Builder {
        private PortalDatabase db;
        private AuthTokenValidator validator;
        private Clock clock = Clock.systemUTC();
        private SmsGateway sms;
        private ChallengeStore challenges;
        private PasswordHasher hasher;
        private LoginThrottle throttle = LoginThrottle.DEFAULT;
        private SecureRandom random = new SecureRandom();
        private Locale smsLocale = Locale.SIMPLIFIED_CHINESE;
        private String smsSender = "KeyBridge";

        private Builder() {}

        public Builder database(PortalDatabase db) { this.db = db; return this; }

        /** The token validator: origin, trusted CAs, USCC locations, revocation, algorithms, clock. */
        public Builder validator(AuthTokenValidator validator) { this.validator = validator; return this; }

        /** The clock for sessions, nonces, throttling, reset codes and binding times (the validator has its own). */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

        public Builder smsGateway(SmsGateway sms) { this.sms = sms; return this; }

        /** By default a store with this builder's clock and the defaults (5 minutes, single use). */
        public Builder challengeStore(ChallengeStore challenges) { this.challenges = challenges; return this; }

        /** By default {@link Argon2idHasher} with its documented parameters. */
        public Builder passwordHasher(PasswordHasher hasher) { this.hasher = hasher; return this; }

        public Builder loginThrottle(LoginThrottle throttle) { this.throttle = Objects.requireNonNull(throttle); return this; }

        public Builder random(SecureRandom random) { this.random = Objects.requireNonNull(random); return this; }

        /** Language of the reset-code SMS (zh-CN by default; en and es too) and the sender name in it. */
        public Builder sms(Locale locale, String sender) {
            this.smsLocale = Objects.requireNonNull(locale);
            this.smsSender = Objects.requireNonNull(sender);
            return this;
        }

        public Portal build() {
            return new Portal(this);
        }
    }
}
