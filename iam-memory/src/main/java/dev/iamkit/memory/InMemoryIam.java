package dev.iamkit.memory;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.TenantWork;
import dev.iamkit.authz.AccessCache;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Health;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ApiKeyAuthenticator;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.CredentialStore;
import dev.iamkit.store.ConsentStore;
import dev.iamkit.store.Housekeeping;
import dev.iamkit.store.MagicLinkStore;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.store.OrganizationStore;
import dev.iamkit.store.PrivacyStore;
import dev.iamkit.store.RateLimiter;
import dev.iamkit.store.SessionStore;
import dev.iamkit.store.UserStore;
import dev.iamkit.support.RecordingPrivacyStore;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.store.PersonalDataKeys;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.IdempotentResults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory store: every rule of the PostgreSQL store (uniqueness, cascades, ordering, paging,
 * exceptions, audit, atomic transactions), kept in maps. Meant for tests and demos; nothing
 * survives the process. Thread-safe: writers are serialized, readers share.
 *
 * <p>Where it differs from a database, and why: {@link #inTenant} holds the one write lock for
 * the whole callback, which makes transactions serializable at no further cost, but means the work
 * must not wait for another thread that uses this store (it would wait forever). Calls the work
 * makes on this store outside its scope (on {@code db} itself) join its transaction instead of
 * committing on their own. A call that fails inside the work is undone by itself, so work that
 * catches the exception may go on, as with a savepoint per call.
 */
public final class InMemoryIam implements IamDatabase {
    private final Clock clock;
    private final MemoryState state;
    private final AuditKeys auditKeys;
    private final Transactor transactor;
    /** The highest global revision a write through this object committed at, or -1. */
    private final AtomicLong lastGlobalWrite = new AtomicLong(-1);
    private final AuthzCache cache;
    private final OrganizationStore organizations;
    private final UserStore users;
    private final CatalogStore catalog;
    private final NavigationStore navigation;
    private final RateLimiter rateLimits;
    private final MagicLinkStore magicLinks;
    private final SessionStore sessions;
    private final ApiKeyAuthenticator apiKeys;
    private final PrivacyStore privacy;
    private final PasswordPolicy passwordPolicy;
    private final CredentialStore credentials;
    /** {@link #privacy}, logging each call in the privacy request log. */
    private final PrivacyStore recordedPrivacy;
    private final ConsentStore consents;
    private final PersonalDataCipher personalDataCipher;
    private final PersonalDataKeys personalData;

    private InMemoryIam(Clock clock, long cacheSize, AuditKeys auditKeys, PasswordPolicy passwordPolicy, PersonalDataCipher cipher,
            MemoryState state) {
        this.clock = clock;
        this.state = state;
        this.auditKeys = auditKeys;
        this.transactor = new Transactor(state, revision -> lastGlobalWrite.accumulateAndGet(revision, Math::max));
        this.cache = new AuthzCache(cacheSize, clock, true);
        this.organizations = new InMemoryOrganizationStore(state, transactor, clock, cache);
        this.personalDataCipher = cipher;
        UserRows rows = new UserRows(state, cipher);
        this.users = new InMemoryUserStore(state, transactor, clock, cache, rows);
        this.personalData = new InMemoryPersonalDataKeys(state, transactor, rows);
        this.catalog = new InMemoryCatalogStore(state, transactor, clock, cache, this);
        this.navigation = new InMemoryNavigationStore(state, transactor, clock);
        this.rateLimits = new InMemoryRateLimiter(state, transactor, clock);
        this.magicLinks = new InMemoryMagicLinkStore(state, transactor, clock, cipher);
        this.sessions = new InMemorySessionStore(state, transactor, clock);
        this.apiKeys = new InMemoryApiKeyAuthenticator(state, transactor, clock);
        this.privacy = new InMemoryPrivacyStore(state, transactor, clock, cache, auditKeys, rows);
        this.passwordPolicy = passwordPolicy;
        this.credentials = new InMemoryCredentialStore(state, transactor, clock, rateLimits, passwordPolicy);
        this.recordedPrivacy = new RecordingPrivacyStore(privacy, clock, new InMemoryPrivacyRequestLog(state, transactor, clock)::append);
        this.consents = new InMemoryConsentStore(state, transactor, clock);
    }

    /** An empty store on the system UTC clock. */
    public static InMemoryIam create() {
        return create(Clock.systemUTC());
    }

    /** An empty store whose timestamps and expiries follow {@code clock}. */
    public static InMemoryIam create(Clock clock) {
        return create(clock, AuthzCache.DEFAULT_SIZE);
    }

    /**
     * An empty store whose timestamps and expiries follow {@code clock}, caching the compiled
     * permissions of at most {@code cacheSize} (organization, user) pairs; 0 turns the cache off.
     */
    public static InMemoryIam create(Clock clock, long cacheSize) {
        return create(clock, cacheSize, AuditKeys.none());
    }

    /**
     * Like {@link #create(Clock, long)}, with the keys that sign the audit chain (the first) and
     * verify it ({@link AuditKeys}); {@link AuditKeys#none()} chains events unkeyed and logs a
     * warning.
     */
    public static InMemoryIam create(Clock clock, long cacheSize, AuditKeys auditKeys) {
        return create(clock, cacheSize, auditKeys, PasswordPolicy.defaults());
    }

    /** Like {@link #create(Clock, long, AuditKeys)}, hashing passwords and locking out guesses as {@code passwords} says. */
    public static InMemoryIam create(Clock clock, long cacheSize, AuditKeys auditKeys, PasswordPolicy passwords) {
        return create(clock, cacheSize, auditKeys, passwords, PersonalDataCipher.off());
    }

    /**
     * Like {@link #create(Clock, long, AuditKeys, PasswordPolicy)}, encrypting users' e-mail and
     * display name when {@code personalData} is on ({@link PersonalDataCipher#with}); this store
     * then keeps only the ciphertext, the blind index and the wrapped data keys, as PostgreSQL does.
     */
    public static InMemoryIam create(Clock clock, long cacheSize, AuditKeys auditKeys, PasswordPolicy passwords, PersonalDataCipher personalData) {
        if (cacheSize < 0) {
            throw new dev.iamkit.error.ValidationException("cacheSize", "must not be negative");
        }
        return start(new InMemoryIam(Validate.notNull("clock", clock), cacheSize, Validate.notNull("auditKeys", auditKeys),
                Validate.notNull("passwords", passwords), Validate.notNull("personalData", personalData), new MemoryState()));
    }

    /**
     * Closes {@code previous} and opens its data again with other audit keys and a new cache, as a
     * restarted process would open its database: for tests of key rotation.
     */
    static InMemoryIam reopen(InMemoryIam previous, long cacheSize, AuditKeys auditKeys) {
        previous.close();
        return start(new InMemoryIam(previous.clock, cacheSize, Validate.notNull("auditKeys", auditKeys), previous.passwordPolicy,
                previous.personalDataCipher, previous.state));
    }

    /** Closes {@code previous} and opens its data again with other master keys, as a restarted process would: for tests of key rotation. */
    static InMemoryIam reopen(InMemoryIam previous, PersonalDataCipher personalData) {
        previous.close();
        return start(new InMemoryIam(previous.clock, AuthzCache.DEFAULT_SIZE, previous.auditKeys, previous.passwordPolicy, personalData, previous.state));
    }

    private static InMemoryIam start(InMemoryIam db) {
        db.personalDataCipher.requireHolds(db.state.dataKeys.values().stream().map(k -> k.masterKeyId()).distinct().toList());
        db.auditKeys.logAtStartup(db.kind(), false);   // its data is in this process only
        return db;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The state, for tests that look at what the store keeps past the API. */
    MemoryState state() {
        return state;
    }

    @Override
    public PersonalDataKeys personalData() {
        return personalData;
    }

    @Override
    public OrganizationStore organizations() {
        return organizations;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public NavigationStore navigation() {
        return navigation;
    }

    @Override
    public MagicLinkStore magicLinks() {
        return magicLinks;
    }

    @Override
    public RateLimiter rateLimits() {
        return rateLimits;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public ApiKeyAuthenticator apiKeys() {
        return apiKeys;
    }

    @Override
    public PrivacyStore privacy() {
        return recordedPrivacy;
    }

    @Override
    public ConsentStore consents() {
        return consents;
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public TenantScope tenant(OrgId org, Actor actor) {
        Validate.notNull("org", org);
        Validate.notNull("actor", actor);
        return new InMemoryTenantScope(new TenantContext(state, transactor, clock, cache, auditKeys, org, actor, false));
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work) {
        Validate.notNull("org", org);
        Validate.notNull("actor", actor);
        Validate.notNull("work", work);
        return transactor.write(tx -> runBound(org, actor, work));
    }

    /** The work with a scope bound to the running transaction, which it may use only until it returns. */
    private <R> R runBound(OrgId org, Actor actor, TenantWork<R> work) {
        TenantContext ctx = new TenantContext(state, transactor, clock, cache, auditKeys, org, actor, true);
        try {
            return work.run(new InMemoryTenantScope(ctx));
        } finally {
            ctx.end();
        }
    }

    /**
     * The key is looked up and recorded under the one write lock the work runs under, so of calls
     * with the same key one runs and the others find what it kept.
     */
    @Override
    public <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work) {
        IdempotentResults.requireArguments(org, actor, key, codec, work);
        return transactor.write(tx -> {
            TenantData data = state.writable(org);
            Instant now = clock.instant();
            TenantData.KeptResult earlier = data.idempotency.get(key.value());
            if (earlier != null && IdempotentResults.remembered(earlier.recordedAt(), now)) {
                return codec.decode(earlier.text());
            }
            R result = runBound(org, actor, work);
            tx.put(data.idempotency, key.value(), new TenantData.KeptResult(IdempotentResults.recordedAt(now), IdempotentResults.encode(codec, result)));
            sweepForgotten(data, tx, now);
            return result;
        });
    }

    /** Drops forgotten keys now and then (each time the map has doubled), in the transaction, as PostgreSQL deletes them. */
    private static void sweepForgotten(TenantData data, Tx tx, Instant now) {
        if (data.idempotency.size() < data.idempotencySweepAt) {
            return;
        }
        List<String> forgotten = data.idempotency.entrySet().stream()
                .filter(e -> !IdempotentResults.remembered(e.getValue().recordedAt(), now)).map(Map.Entry::getKey).toList();
        forgotten.forEach(k -> tx.remove(data.idempotency, k));
        data.idempotencySweepAt = Math.max(64, data.idempotency.size() * 2);
    }

    @Override
    public GlobalRevision globalRevision() {
        return transactor.read(() -> new GlobalRevision(state.globalRevision));
    }

    @Override
    public Optional<GlobalRevision> lastGlobalWriteRevision() {
        long v = lastGlobalWrite.get();
        return v < 0 ? Optional.empty() : Optional.of(new GlobalRevision(v));
    }

    @Override
    public AccessCache accessCache() {
        return cache;
    }

    @Override
    public dev.iamkit.snapshot.SnapshotStore snapshots() {
        return new InMemorySnapshots(state, transactor, cache, new UserRows(state, personalDataCipher));
    }

    @Override
    public Housekeeping housekeeping() {
        return new InMemoryHousekeeping(state, transactor, clock);
    }

    /** Always reachable while open; no schema, no pool. */
    @Override
    public Health health() {
        try {
            transactor.checkOpen();
            return new Health(kind(), true, Duration.ZERO, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        } catch (StorageException e) {
            return new Health(kind(), false, Duration.ZERO, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    @Override
    public void close() {
        transactor.close();
    }
}
