package dev.iamkit.jooq;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.MasterKeys;
import dev.iamkit.support.PersonalDataCipher;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the PostgreSQL store, validated when built.
 *
 * @param schema the schema holding iamkit's tables (default {@code iamkit})
 * @param appRole the NOLOGIN role applications connect through (default {@code iamkit_app}); used by migrations
 * @param maximumPoolSize size of the pool the store builds itself from a URL (ignored for a host-owned pool)
 * @param distributed true runs the store in its Citus mode (the tenant always set inside an explicit transaction block); a schema
 *        distributed on Citus is detected when the store starts and runs in that mode whatever this says
 * @param cacheSize (organization, user) pairs whose compiled permissions are cached (default
 *        {@value dev.iamkit.authz.AuthzCache#DEFAULT_SIZE}); 0 turns the cache and its change listener off
 * @param auditKeys the keys that sign and verify the audit chain (default none: unkeyed links, a
 *        warning at startup); never stored in the database, shown by {@code toString()} as key ids only
 * @param allowPrivilegedLogin false (the default): the store refuses to start on a login that row
 *        level security would not bind (a superuser, a role with BYPASSRLS, a member of either, or
 *        an owner of the schema or its tables); true lets tools and tests that need such a login
 *        use it, and {@link PostgresIam#health()} then reports the isolation off
 * @param connectTimeout how long a call waits for a connection of the pool the store builds itself
 *        ({@link PostgresIam#connect}), and how long making one may take, before it fails
 *        {@code NOT_APPLIED} (default 5 s; 0.25 s to 10 min). A host-owned pool keeps its own
 *        settings: see the README
 * @param healthTimeout how long {@link PostgresIam#health()} waits for its answer, borrowing
 *        included, before it reports the store unreachable (default 2 s; 0.1 s to 10 min)
 * @param maxStaleness the most a default check answered from the cache may lag behind the
 *        database (default 1 s; 0.1 s to 10 min): the cache answers only while a heartbeat its
 *        change listener sent through the notification channel less than this ago has come back.
 *        Lower means more heartbeats (one {@code NOTIFY} every third of it) and a cache that steps
 *        aside sooner when the database is slow
 * @param passwords how {@link PostgresIam#credentials()} hashes passwords and locks out guesses
 *        (default {@link PasswordPolicy#defaults()}; from settings {@code IAMKIT_PASSWORD_ARGON2} and
 *        {@code IAMKIT_PASSWORD_LOCKOUT}, {@link dev.iamkit.support.PasswordSettings#policy})
 * @param personalData whether and under which master keys users' e-mail and display name are
 *        encrypted at rest (default {@link PersonalDataCipher#off()}; from {@code IAMKIT_MASTER_KEYS},
 *        {@link MasterKeys#cipherFromSettings}); {@code toString()} shows key ids only
 */
public record PostgresIamConfig(String schema, String appRole, int maximumPoolSize, boolean distributed, long cacheSize, AuditKeys auditKeys,
        boolean allowPrivilegedLogin, Duration connectTimeout, Duration healthTimeout, Duration maxStaleness, PasswordPolicy passwords,
        PersonalDataCipher personalData) {
    public static final String SCHEMA = "IAMKIT_SCHEMA";
    public static final String APP_ROLE = "IAMKIT_APP_ROLE";
    public static final String POOL_SIZE = "IAMKIT_POOL_SIZE";
    public static final String DISTRIBUTED = "IAMKIT_DISTRIBUTED";
    public static final String ALLOW_PRIVILEGED_LOGIN = "IAMKIT_ALLOW_PRIVILEGED_LOGIN";
    public static final String CONNECT_TIMEOUT = "IAMKIT_CONNECT_TIMEOUT";
    public static final String HEALTH_TIMEOUT = "IAMKIT_HEALTH_TIMEOUT";
    public static final String MAX_STALENESS = "IAMKIT_MAX_STALENESS";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresIamConfig {
        schema = identifier(SCHEMA, schema);
        appRole = identifier(APP_ROLE, appRole);
        if (maximumPoolSize < 1 || maximumPoolSize > 1000) {
            throw new ConfigurationException(POOL_SIZE + " must be between 1 and 1000, not " + maximumPoolSize);
        }
        if (cacheSize < 0 || cacheSize > 100_000_000) {
            throw new ConfigurationException(AuthzCache.SIZE_SETTING + " must be between 0 (no cache) and 100000000, not " + cacheSize);
        }
        if (auditKeys == null) {
            throw new ConfigurationException(AuditKeys.SETTING + ": auditKeys is required (AuditKeys.none() for no key)");
        }
        between(CONNECT_TIMEOUT, connectTimeout, Duration.ofMillis(250));
        between(HEALTH_TIMEOUT, healthTimeout, Duration.ofMillis(100));
        between(MAX_STALENESS, maxStaleness, Duration.ofMillis(100));
        if (passwords == null) {
            throw new ConfigurationException("passwords: a password policy is required (PasswordPolicy.defaults())");
        }
        if (personalData == null) {
            throw new ConfigurationException(MasterKeys.SETTING + ": personalData is required (PersonalDataCipher.off() for plain text)");
        }
    }

    private static void between(String setting, Duration d, Duration least) {
        if (d == null || d.compareTo(least) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0 || d.toNanos() % 1_000_000 != 0) {
            throw new ConfigurationException(setting + " must be between " + seconds(least) + " and 600 seconds, in whole milliseconds, not "
                    + (d == null ? "null" : seconds(d)));
        }
    }

    /** {@code d} as a number of seconds, the way the settings are written (e.g. {@code 2}, {@code 0.25}). */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    public static PostgresIamConfig defaults() {
        return new PostgresIamConfig("iamkit", "iamkit_app", 10, false, AuthzCache.DEFAULT_SIZE, AuditKeys.none(), false, Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(1), PasswordPolicy.defaults(), PersonalDataCipher.off());
    }

    public PostgresIamConfig withSchema(String s) {
        return new PostgresIamConfig(s, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    public PostgresIamConfig withAppRole(String r) {
        return new PostgresIamConfig(schema, r, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    public PostgresIamConfig withMaximumPoolSize(int n) {
        return new PostgresIamConfig(schema, appRole, n, distributed, cacheSize, auditKeys, allowPrivilegedLogin,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    public PostgresIamConfig withDistributed(boolean d) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, d, cacheSize, auditKeys, allowPrivilegedLogin,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    public PostgresIamConfig withCacheSize(long n) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, n, auditKeys, allowPrivilegedLogin,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    /** With these audit keys: the first signs new events, the others only verify older ones. */
    public PostgresIamConfig withAuditKeys(AuditKeys keys) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, keys, allowPrivilegedLogin,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    /** See {@link #allowPrivilegedLogin()}: only for tools and tests that must run as such a login. */
    public PostgresIamConfig withAllowPrivilegedLogin(boolean allow) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allow,
                connectTimeout, healthTimeout, maxStaleness, passwords, personalData);
    }

    /** See {@link #connectTimeout()}: for the pool the store builds itself. */
    public PostgresIamConfig withConnectTimeout(Duration d) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin,
                d, healthTimeout, maxStaleness, passwords, personalData);
    }

    /** See {@link #healthTimeout()}. */
    public PostgresIamConfig withHealthTimeout(Duration d) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin,
                connectTimeout, d, maxStaleness, passwords, personalData);
    }

    /** See {@link #maxStaleness()}. */
    public PostgresIamConfig withMaxStaleness(Duration d) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin, connectTimeout,
                healthTimeout, d, passwords, personalData);
    }

    /** With this password policy (Argon2id parameters and lockout) for {@link PostgresIam#credentials()}. */
    public PostgresIamConfig withPasswords(PasswordPolicy p) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin, connectTimeout,
                healthTimeout, maxStaleness, p, personalData);
    }

    /** Encrypting users' e-mail and display name under these master keys' data keys ({@link PersonalDataCipher}), or not ({@code off()}). */
    public PostgresIamConfig withPersonalData(PersonalDataCipher cipher) {
        return new PostgresIamConfig(schema, appRole, maximumPoolSize, distributed, cacheSize, auditKeys, allowPrivilegedLogin, connectTimeout,
                healthTimeout, maxStaleness, passwords, cipher);
    }

    /**
     * Reads {@code IAMKIT_SCHEMA}, {@code IAMKIT_APP_ROLE}, {@code IAMKIT_POOL_SIZE},
     * {@code IAMKIT_DISTRIBUTED}, {@code IAMKIT_CACHE_SIZE}, {@code IAMKIT_AUDIT_KEYS}
     * ({@link AuditKeys#parse}), {@code IAMKIT_ALLOW_PRIVILEGED_LOGIN}, and {@code IAMKIT_CONNECT_TIMEOUT},
     * {@code IAMKIT_HEALTH_TIMEOUT} and {@code IAMKIT_MAX_STALENESS} (seconds, e.g. {@code 5} or {@code 0.5}), and
     * {@code IAMKIT_PASSWORD_ARGON2} and {@code IAMKIT_PASSWORD_LOCKOUT} ({@link dev.iamkit.support.PasswordSettings#policy}), and {@code IAMKIT_MASTER_KEYS}
     * ({@link MasterKeys#parse}); absent keys keep
     * their defaults.
     */
    public static PostgresIamConfig fromSettings(Map<String, String> settings) {
        PostgresIamConfig c = defaults().withCacheSize(AuthzCache.maximumSize(settings)).withAuditKeys(AuditKeys.fromSettings(settings))
                .withPasswords(dev.iamkit.support.PasswordSettings.policy(settings)).withPersonalData(MasterKeys.cipherFromSettings(settings));
        String v;
        if ((v = settings.get(SCHEMA)) != null && !v.isBlank()) {
            c = c.withSchema(v.strip());
        }
        if ((v = settings.get(APP_ROLE)) != null && !v.isBlank()) {
            c = c.withAppRole(v.strip());
        }
        if ((v = settings.get(POOL_SIZE)) != null && !v.isBlank()) {
            try {
                c = c.withMaximumPoolSize(Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(POOL_SIZE + " must be a whole number, not '" + v + "'");
            }
        }
        if ((v = settings.get(DISTRIBUTED)) != null && !v.isBlank()) {
            c = c.withDistributed(bool(DISTRIBUTED, v));
        }
        if ((v = settings.get(ALLOW_PRIVILEGED_LOGIN)) != null && !v.isBlank()) {
            c = c.withAllowPrivilegedLogin(bool(ALLOW_PRIVILEGED_LOGIN, v));
        }
        if ((v = settings.get(CONNECT_TIMEOUT)) != null && !v.isBlank()) {
            c = c.withConnectTimeout(duration(CONNECT_TIMEOUT, v));
        }
        if ((v = settings.get(HEALTH_TIMEOUT)) != null && !v.isBlank()) {
            c = c.withHealthTimeout(duration(HEALTH_TIMEOUT, v));
        }
        if ((v = settings.get(MAX_STALENESS)) != null && !v.isBlank()) {
            c = c.withMaxStaleness(duration(MAX_STALENESS, v));
        }
        return c;
    }

    /** A number of seconds, whole or decimal, as a duration in whole milliseconds. */
    private static Duration duration(String setting, String value) {
        try {
            BigDecimal seconds = new BigDecimal(value.strip());
            return Duration.ofMillis(seconds.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException(setting + " must be a number of seconds (e.g. 5 or 0.5, whole milliseconds), not '" + value + "'");
        }
    }

    private static boolean bool(String setting, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(setting + " must be true or false, not '" + value + "'");
        };
    }

    private static String identifier(String setting, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new ConfigurationException(setting + " must be a lower-case SQL identifier (letters, digits, '_'), not '" + value + "'");
        }
        return value;
    }
}
