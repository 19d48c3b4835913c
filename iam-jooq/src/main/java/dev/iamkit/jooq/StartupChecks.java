package dev.iamkit.jooq;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.migrations.IamSchema;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a PostgreSQL store checks before it serves: the schema's version, and a login that row level security binds. */
final class StartupChecks {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresIam.class);

    private StartupChecks() {
    }

    /** The checks; true when the schema is distributed on Citus and {@code config} does not run the store in its Citus mode. */
    static boolean run(Sql sql, PostgresIamConfig config) {
        checkSchema(sql, config);
        checkLogin(sql, config);
        boolean onCitus = sql.unscoped(ctx -> ctx.connectionResult(c -> IamSchema.distributedOnCitus(c, config.schema())));
        if (onCitus) {
            checkSetCommands(sql, config);
        }
        if (config.distributed() || !onCitus) {
            return false;
        }
        LOG.info("iamkit: schema {} is distributed on Citus; the store runs in its Citus mode ({}=true)", config.schema(), PostgresIamConfig.DISTRIBUTED);
        return true;
    }

    private static void checkSchema(Sql sql, PostgresIamConfig config) {
        String version = sql.unscoped(ctx -> ctx.connectionResult(c -> StoreHealth.schemaVersion(c, config.schema()).orElse(null)));
        if (version == null) {
            throw new ConfigurationException("schema " + config.schema() + " has no iamkit tables: run `iam migrate` (or IamMigrations.of(ownerDataSource).migrate()) as its owner first");
        }
        if (Integer.parseInt(version) < Integer.parseInt(IamSchema.latestVersion())) {
            throw new ConfigurationException("schema " + config.schema() + " is at version " + version + " but this library needs "
                    + IamSchema.latestVersion() + ": run `iam migrate` as its owner");
        }
    }

    /**
     * On Citus the tenant reaches the workers only by {@code SET LOCAL} with
     * {@code citus.propagate_set_commands = 'local'}; without it the workers' row level security
     * sees no tenant and every tenant read would answer empty. A role's settings do not pass to
     * its members, so a login made after {@code iam distribute} lacks it unless it is given.
     */
    private static void checkSetCommands(Sql sql, PostgresIamConfig config) {
        String value = sql.unscoped(ctx -> (String) ctx.fetchValue("SELECT current_setting('citus.propagate_set_commands', true)"));
        if (!"local".equals(value)) {
            String login = sql.unscoped(ctx -> (String) ctx.fetchValue("SELECT quote_ident(session_user)"));
            throw new ConfigurationException("schema " + config.schema() + " is distributed on Citus, but this login's citus.propagate_set_commands is '"
                    + value + "', so the tenant it sets would not reach the workers and every tenant read would answer empty: run"
                    + " ALTER ROLE " + login + " SET citus.propagate_set_commands = 'local' (a role's settings do not pass to its members,"
                    + " and iam distribute gives it to " + config.appRole() + " only), or set it in the pool's connection init SQL");
        }
    }

    /** Refuses a login that row level security would not bind, unless the configuration allows it. */
    private static void checkLogin(Sql sql, PostgresIamConfig config) {
        Optional<String> bypass = sql.unscoped(ctx -> ctx.connectionResult(c -> LoginCheck.bypass(c, config.schema())));
        if (bypass.isEmpty()) {
            return;
        }
        if (!config.allowPrivilegedLogin()) {
            throw new ConfigurationException(bypass.get() + ", so the database would not isolate tenants. Connect as a login that is"
                    + " only a member of " + config.appRole() + " (CREATE ROLE my_app LOGIN; GRANT " + config.appRole() + " TO my_app),"
                    + " or, for tools and tests only, set " + PostgresIamConfig.ALLOW_PRIVILEGED_LOGIN + "=true");
        }
        LOG.warn("iamkit: {}; allowed by {}, tenants are not isolated by the database", bypass.get(), PostgresIamConfig.ALLOW_PRIVILEGED_LOGIN);
    }
}
