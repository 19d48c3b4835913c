package dev.iamkit.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code iamkit.*} properties: the settings of the store (the {@code IAMKIT_*} settings of
 * {@code IamDatabases.fromEnvironment()}, see the README's configuration table), the migrations,
 * and how the starter meets Spring. The connection pool is the application's: its size and
 * timeouts are {@code spring.datasource.*} ({@code IAMKIT_POOL_SIZE} and
 * {@code IAMKIT_CONNECT_TIMEOUT} have no counterpart here).
 */
@ConfigurationProperties("iamkit")
public class IamkitProperties {

    /** Which store to open (USE_DATABASE): "auto" takes PostgreSQL when the application has a DataSource, else the in-memory store. */
    private Store store = Store.AUTO;

    /** Schema holding iamkit's tables and its own Flyway history (IAMKIT_SCHEMA). */
    private String schema = "iamkit";

    /** NOLOGIN role the migrations create and grant the store's privileges to (IAMKIT_APP_ROLE); the application's login must be a member. */
    private String appRole = "iamkit_app";

    /** (organization, user) entries of the in-process permission cache; 0 turns it off (IAMKIT_CACHE_SIZE). */
    private long cacheSize = 10_000;

    /** The most a default check answered from the cache may lag behind PostgreSQL, 0.1 s to 10 min (IAMKIT_MAX_STALENESS). */
    private Duration maxStaleness = Duration.ofSeconds(1);

    /** Within how long health() answers, even against a stopped server, 0.1 s to 10 min (IAMKIT_HEALTH_TIMEOUT). */
    private Duration healthTimeout = Duration.ofSeconds(2);

    /** True on Citus: the tenant is always set inside an explicit transaction block (IAMKIT_DISTRIBUTED). */
    private boolean distributed;

    /**
     * Lets the store run as a login row level security does not bind (superuser, BYPASSRLS, owner):
     * for tools and tests only; health then reports it (IAMKIT_ALLOW_PRIVILEGED_LOGIN).
     */
    private boolean allowPrivilegedLogin;

    /**
     * Keys of the audit chain, comma-separated "id:base64key", the first signs (IAMKIT_AUDIT_KEYS).
     * Keep it out of files in version control, e.g. in an environment variable IAMKIT_AUDITKEYS.
     */
    private String auditKeys;

    /** Consistency of the checks of the PermissionEvaluator (hasPermission in @PreAuthorize). */
    private Consistency consistency = Consistency.MINIMIZE_LATENCY;

    /**
     * Whether store calls join a Spring-managed transaction of the application's DataSource: then
     * the transaction commits or rolls back iamkit's changes with the application's.
     */
    private boolean joinTransactions = true;

    private final Migrations migrations = new Migrations();

    /** What {@code iamkit.store} may say. */
    public enum Store {
        AUTO, POSTGRES, MEMORY
    }

    /** What {@code iamkit.consistency} may say. */
    public enum Consistency {
        /** From the cache (bounded by max-staleness on PostgreSQL). */
        MINIMIZE_LATENCY,
        /** Every change committed before the check, in any process: from the cache only when the store's revisions prove the entry current. */
        FULL
    }

    /** The {@code iamkit.migrations.*} properties. */
    public static class Migrations {
        /** Whether iamkit's migrations run at startup (before the application's own Flyway), on PostgreSQL. */
        private boolean enabled = true;

        /** JDBC URL of the database as the schema's owner; by default the application's DataSource's URL. */
        private String url;

        /** The schema owner's login; without it (and without url) migrations run through the application's DataSource. */
        private String username;

        /** The schema owner's password. */
        private String password;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    public Store getStore() {
        return store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getAppRole() {
        return appRole;
    }

    public void setAppRole(String appRole) {
        this.appRole = appRole;
    }

    public long getCacheSize() {
        return cacheSize;
    }

    public void setCacheSize(long cacheSize) {
        this.cacheSize = cacheSize;
    }

    public Duration getMaxStaleness() {
        return maxStaleness;
    }

    public void setMaxStaleness(Duration maxStaleness) {
        this.maxStaleness = maxStaleness;
    }

    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
    }

    public boolean isDistributed() {
        return distributed;
    }

    public void setDistributed(boolean distributed) {
        this.distributed = distributed;
    }

    public boolean isAllowPrivilegedLogin() {
        return allowPrivilegedLogin;
    }

    public void setAllowPrivilegedLogin(boolean allowPrivilegedLogin) {
        this.allowPrivilegedLogin = allowPrivilegedLogin;
    }

    public String getAuditKeys() {
        return auditKeys;
    }

    public void setAuditKeys(String auditKeys) {
        this.auditKeys = auditKeys;
    }

    public Consistency getConsistency() {
        return consistency;
    }

    public void setConsistency(Consistency consistency) {
        this.consistency = consistency;
    }

    public boolean isJoinTransactions() {
        return joinTransactions;
    }

    public void setJoinTransactions(boolean joinTransactions) {
        this.joinTransactions = joinTransactions;
    }

    public Migrations getMigrations() {
        return migrations;
    }
}
