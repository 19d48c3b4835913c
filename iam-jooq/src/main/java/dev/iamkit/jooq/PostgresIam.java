package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.GLOBAL_COUNTER;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.TenantWork;
import dev.iamkit.authz.AccessCache;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Health;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.store.ApiKeyAuthenticator;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.CredentialStore;
import dev.iamkit.store.ConsentStore;
import dev.iamkit.store.PersonalDataKeys;
import dev.iamkit.store.Housekeeping;
import dev.iamkit.store.MagicLinkStore;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.store.SessionStore;
import dev.iamkit.store.OrganizationStore;
import dev.iamkit.store.PrivacyStore;
import dev.iamkit.support.RecordingPrivacyStore;
import dev.iamkit.store.RateLimiter;
import dev.iamkit.store.UserStore;
import dev.iamkit.support.IdempotentResults;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL store. Connect it as a login role that is a member of the application role
 * (default {@code iamkit_app}) and nothing more, so row level security is in force (the store
 * refuses to start otherwise, unless told to allow it); run {@code iam migrate} (or
 * {@code IamMigrations} of {@code iam-migrations}) as the schema owner first. Needs no Flyway.
 */
public final class PostgresIam implements IamDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresIam.class);
    private static final Duration LISTEN_PATIENCE = Duration.ofSeconds(5);

    static {
        // jOOQ prints a banner and tips on first use unless told not to; a library should not.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private final Sql sql;
    private final Clock clock;
    private final PostgresIamConfig config;
    private final Optional<HikariDataSource> ownedPool;
    private final JooqOrganizationStore organizations;
    private final JooqUserStore users;
    private final JooqCatalogStore catalog;
    private final JooqNavigationStore navigation;
    private final JooqRateLimiter rateLimits;
    private final JooqMagicLinkStore magicLinks;
    private final JooqSessionStore sessions;
    private final JooqApiKeyAuthenticator apiKeys;
    private final JooqPrivacyStore privacy;
    private final JooqCredentialStore credentials;
    /** {@link #privacy}, logging each call in the privacy request log. */
    private final PrivacyStore recordedPrivacy;
    private final ConsentStore consents;
    private final JooqPersonalDataKeys personalData;
    private final AuthzCache cache;
    private final DataSource dataSource;
    private final StoreHealth health;
    private volatile ChangeListener listener;
    /** The highest global revision a write through this object committed at, or -1. */
    private final AtomicLong lastGlobalWrite = new AtomicLong(-1);
    private volatile boolean closed;

    private PostgresIam(DataSource dataSource, PostgresIamConfig config, Clock clock, Optional<HikariDataSource> ownedPool) {
        JooqVersion.require();
        this.sql = new Sql(dataSource, config);
        this.dataSource = dataSource;
        this.health = new StoreHealth(dataSource, config);
        this.clock = clock;
        this.config = config;
        this.ownedPool = ownedPool;
        // untrusted until the change listener is connected: nothing is answered from memory before
        this.cache = new AuthzCache(config.cacheSize(), clock, config.maxStaleness(), System::nanoTime);
        sql.onGlobalWrite((revision, accessChanged) -> {
            lastGlobalWrite.accumulateAndGet(revision, Math::max);
            if (accessChanged) {
                cache.globalChanged(revision);   // other processes read it in their poll (V28), and usually hear it first:
                ChangeListener l = listener;
                if (l != null) {
                    l.announceGlobal(revision);
                }
            }
        });
        this.organizations = new JooqOrganizationStore(sql, clock, cache);
        JooqUserRows rows = new JooqUserRows(config.personalData());
        this.users = new JooqUserStore(sql, clock, rows);
        this.personalData = new JooqPersonalDataKeys(sql, rows);
        this.catalog = new JooqCatalogStore(sql, clock, this);
        this.navigation = new JooqNavigationStore(sql, clock);
        this.rateLimits = new JooqRateLimiter(sql, clock);
        this.magicLinks = new JooqMagicLinkStore(sql, clock, config.personalData());
        this.sessions = new JooqSessionStore(sql, clock);
        this.apiKeys = new JooqApiKeyAuthenticator(sql, clock);
        this.privacy = new JooqPrivacyStore(sql, clock, cache, config.auditKeys(), rows);
        this.credentials = new JooqCredentialStore(sql, clock, rateLimits, config.passwords());
        this.recordedPrivacy = new RecordingPrivacyStore(privacy, clock, new JooqPrivacyRequestLog(sql, clock)::append);
        this.consents = new JooqConsentStore(sql, clock);
    }

    /**
     * With the cache on, one connection LISTENs for changes (its own and other processes'); the
     * cache is used once it listens, and waits for it at most a few seconds.
     */
    private void startListening(ChangeListener.Connector connector) {
        if (cache.enabled()) {
            listener = new ChangeListener(connector, config.schema(), cache, config.maxStaleness(), config.distributed());
            cache.observeCommits(listener::announce);   // other processes hear this one's revisions without waiting for a poll
            listener.start(LISTEN_PATIENCE);
        }
    }

    /** A store over the host's pool, which the host keeps owning (closing this store leaves the pool open). */
    public static PostgresIam create(DataSource dataSource, PostgresIamConfig config) {
        return create(dataSource, config, Clock.systemUTC());
    }

    /**
     * @throws ConfigurationException when the schema is missing or older than this library needs,
     *         or when row level security would not bind the data source's login (see
     *         {@link PostgresIamConfig#allowPrivilegedLogin()})
     */
    public static PostgresIam create(DataSource dataSource, PostgresIamConfig config, Clock clock) {
        Validate.notNull("dataSource", dataSource);
        return create(dataSource, config, clock, OwnPool.listenerConnector(dataSource));
    }

    /** {@link #create(DataSource, PostgresIamConfig, Clock)} with the change listener's connections from {@code listenerConnector}. */
    static PostgresIam create(DataSource dataSource, PostgresIamConfig config, Clock clock, ChangeListener.Connector listenerConnector) {
        Validate.notNull("dataSource", dataSource);
        Validate.notNull("config", config);
        Validate.notNull("clock", clock);
        PostgresIam db = checked(dataSource, config, clock, Optional.empty());
        db.personalData.checkAtStartup();
        db.startListening(listenerConnector);
        config.auditKeys().logAtStartup(db.kind());
        return db;
    }

    /**
     * A store with a HikariCP pool of its own, built from {@code postgresql://user:pass@host/db}
     * or {@code jdbc:postgresql://...}; {@link #close()} closes the pool.
     */
    public static PostgresIam connect(String databaseUrl, PostgresIamConfig config, Clock clock) {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        HikariDataSource pool = OwnPool.open(url, config);
        try {
            PostgresIam db = checked(pool, config, clock, Optional.of(pool));
            db.personalData.checkAtStartup();
            db.startListening(OwnPool.listenerConnector(pool));
            config.auditKeys().logAtStartup(db.kind());
            LOG.info("iamkit PostgreSQL store on {} (schema {}, pool of {})", url.jdbcUrl(), config.schema(), config.maximumPoolSize());
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * A store whose schema passed the startup checks; in the Citus mode when the schema is
     * distributed on Citus, whatever {@code config} says (without it, Citus refuses statements).
     */
    private static PostgresIam checked(DataSource dataSource, PostgresIamConfig config, Clock clock, Optional<HikariDataSource> ownedPool) {
        PostgresIam db = new PostgresIam(dataSource, config, clock, ownedPool);
        if (StartupChecks.run(db.sql, config)) {
            db = new PostgresIam(dataSource, config.withDistributed(true), clock, ownedPool);
        }
        return db;
    }

    public PostgresIamConfig config() {
        return config;
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public Clock clock() {
        return clock;
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
    public PersonalDataKeys personalData() {
        return personalData;
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
        Validate.notNull("orgId", org);
        Validate.notNull("actor", actor);
        return new JooqTenantScope(new TenantContext(org, actor, clock, new TenantRunner.PerCall(sql, org), cache, sql.functions(), config.auditKeys(), sql.statements()));
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work) {
        Validate.notNull("orgId", org);
        Validate.notNull("actor", actor);
        Validate.notNull("work", work);
        return TenantTransaction.run(sql, clock, cache, config.auditKeys(), org, actor, null, null, work);
    }

    /** The key is claimed, and recorded with the result, in the work's transaction (V14), under row level security. */
    @Override
    public <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work) {
        IdempotentResults.requireArguments(org, actor, key, codec, work);
        return TenantTransaction.run(sql, clock, cache, config.auditKeys(), org, actor, key, codec, work);
    }

    /**
     * Runs tenant work in the host app's transaction on {@code connection}, so the work's changes
     * commit or roll back with the host's own. The connection must be of a login role in the
     * application role (row level security applies to it as to the store's own) and in a
     * transaction (autocommit off). The work's changes are not committed here: the host commits
     * or rolls back. If the work throws, its changes alone are undone (a savepoint) and the
     * exception is rethrown; the host's transaction stays usable. The host's previous setting of
     * {@code iamkit.org_id} is restored afterwards. Checks inside the work read the transaction;
     * after the host commits, other scopes see the changes once the commit's notification
     * arrives, or at once with {@code authz(Consistency.atLeast(scope.lastWriteRevision()))}.
     *
     * @throws dev.iamkit.error.ValidationException on {@code connection} when it is in autocommit mode; nothing is written
     */
    public <R> R inTenant(Connection connection, OrgId org, Actor actor, TenantWork<R> work) {
        Validate.notNull("connection", connection);
        Validate.notNull("orgId", org);
        Validate.notNull("actor", actor);
        Validate.notNull("work", work);
        return HostTransaction.run(sql, clock, cache, config.auditKeys(), connection, org, actor, work);
    }

    /**
     * Like {@link #inTenant(Connection, OrgId, Actor, TenantWork)} on the connection of a jOOQ
     * {@code configuration}, typically the one {@code DSLContext.transaction(cfg -> ...)} passes
     * to its callback: the work commits or rolls back with the host's jOOQ transaction.
     */
    public <R> R inTenant(org.jooq.Configuration configuration, OrgId org, Actor actor, TenantWork<R> work) {
        Validate.notNull("configuration", configuration);
        Validate.notNull("orgId", org);
        Validate.notNull("actor", actor);
        Validate.notNull("work", work);
        org.jooq.ConnectionProvider provider = configuration.connectionProvider();
        Connection c = provider.acquire();
        if (c == null) {
            throw new ValidationException("configuration", "has no connection: pass the configuration of a transaction");
        }
        try {
            return inTenant(c, org, actor, work);
        } finally {
            provider.release(c);
        }
    }

    /**
     * jOOQ conditions that check permissions inside a host app's own queries. On Citus they answer
     * only with the tenant set in the host's transaction block; without it they are refused
     * (42501), never false (docs/citus.md).
     */
    public IamConditions conditions() {
        return new IamConditions(sql.functions() != null ? sql.functions() : new AccessFunctions(config.schema()), clock);
    }

    @Override
    public dev.iamkit.snapshot.SnapshotStore snapshots() {
        return new PostgresSnapshots(dataSource, config.schema(), cache, new JooqUserRows(config.personalData()));
    }

    @Override
    public Housekeeping housekeeping() {
        return new JooqHousekeeping(sql, clock);
    }

    /**
     * One timed {@code SELECT 1}, the schema's version and the HikariCP pool's figures (when the
     * data source is one), answered within {@link PostgresIamConfig#healthTimeout()}.
     */
    @Override
    public Health health() {
        return health.check(closed);
    }

    /** One round trip: the counter row (V15), read in the platform scope. */
    @Override
    public GlobalRevision globalRevision() {
        Long value = sql.read(Scope.PLATFORM, ctx -> ctx.select(GLOBAL_COUNTER.REVISION).from(GLOBAL_COUNTER).fetchOne(GLOBAL_COUNTER.REVISION));
        if (value == null) {
            throw new StorageException(StorageException.Kind.REJECTED, "the global revision counter of schema " + config.schema()
                    + " has no row: the schema is not what this library expects");
        }
        return new GlobalRevision(value);
    }

    @Override
    public Optional<GlobalRevision> lastGlobalWriteRevision() {
        long v = lastGlobalWrite.get();
        return v < 0 ? Optional.empty() : Optional.of(new GlobalRevision(v));
    }

    /** The check functions and the compile's copies; null on Citus (tests read the compiles' counts). */
    AccessFunctions accessFunctions() {
        return sql.functions();
    }

    @Override
    public AccessCache accessCache() {
        return cache;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ChangeListener l = listener;
        if (l != null) {
            l.close();
        }
        sql.close();
        ownedPool.ifPresent(HikariDataSource::close);
    }
}
