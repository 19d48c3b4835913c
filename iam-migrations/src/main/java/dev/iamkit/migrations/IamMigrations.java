package dev.iamkit.migrations;

import dev.iamkit.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and evolves the iamkit schema with Flyway. Runs as a role that may create objects in the
 * schema (the owner), never as the application role. Everything lives in one schema (default
 * {@code iamkit}), Flyway's history table included, so the library sits beside a host's tables.
 *
 * <p>A host that runs its own Flyway keeps its own scripts and history, and runs the library's as a
 * second Flyway built by {@link #configure(FluentConfiguration)}, with their own schema and history
 * table: adding {@link #MIGRATIONS} to the host's locations instead mixes the two numberings (both
 * have a version 1) in one history, which Flyway refuses.
 *
 * <p>Only this class needs Flyway; {@link IamSchema} tells the versions and names without it.
 */
public final class IamMigrations {
    /** Where the versioned scripts are, as a Flyway location. */
    public static final String MIGRATIONS = IamSchema.MIGRATIONS;
    /** Where the rollback script of each version is ({@code U<version>__<description>.sql}), as a class-path folder. */
    public static final String ROLLBACKS = IamSchema.ROLLBACKS;
    /** See {@link IamSchema#DEFAULT_SCHEMA}. */
    public static final String DEFAULT_SCHEMA = IamSchema.DEFAULT_SCHEMA;
    /** See {@link IamSchema#DEFAULT_APP_ROLE}. */
    public static final String DEFAULT_APP_ROLE = IamSchema.DEFAULT_APP_ROLE;
    /** See {@link IamSchema#HISTORY_TABLE}. */
    public static final String HISTORY_TABLE = IamSchema.HISTORY_TABLE;

    private static final Logger LOG = LoggerFactory.getLogger(IamMigrations.class);

    private final DataSource dataSource;
    private final String schema;
    private final String appRole;

    private IamMigrations(DataSource dataSource, String schema, String appRole) {
        this.dataSource = dataSource;
        this.schema = IamSchema.identifier("schema", schema);
        this.appRole = IamSchema.identifier("appRole", appRole);
    }

    /** Migrations of schema {@code iamkit} with application role {@code iamkit_app}. */
    public static IamMigrations of(DataSource ownerDataSource) {
        return of(ownerDataSource, DEFAULT_SCHEMA, DEFAULT_APP_ROLE);
    }

    /**
     * @param schema lower-case SQL identifier of the schema to create and use
     * @param appRole lower-case SQL identifier of the NOLOGIN role applications connect through
     * @throws ValidationException when the data source is missing or a name is not a plain
     *         lower-case identifier
     */
    public static IamMigrations of(DataSource ownerDataSource, String schema, String appRole) {
        if (ownerDataSource == null) {
            throw new ValidationException("ownerDataSource", "is required");
        }
        return new IamMigrations(ownerDataSource, schema, appRole);
    }

    /**
     * A Flyway configuration that runs this library's migrations in schema {@code iamkit}, with
     * their own history table there, through the host's Flyway setup. See
     * {@link #configure(FluentConfiguration, String, String)}.
     */
    public static FluentConfiguration configure(FluentConfiguration host) {
        return configure(host, DEFAULT_SCHEMA, DEFAULT_APP_ROLE);
    }

    /**
     * A new Flyway configuration for this library's migrations that connects as the host's does:
     * it takes the host configuration's data source, class loader, init SQL and connection
     * retries, and nothing else of it (not its locations, history table, callbacks, Java
     * migrations, naming, placeholders, target or baseline), so the host's scripts and the
     * library's never share a history. The host's configuration is left as it was.
     *
     * <pre>{@code
     * Flyway.configure().dataSource(ds).load().migrate();                          // the host's own versions
     * IamMigrations.configure(Flyway.configure().dataSource(ds)).load().migrate(); // iamkit's, in schema iamkit
     * }</pre>
     *
     * @param host the host's Flyway configuration, whose data source connects as the owner of
     *        {@code schema} (a role that may create schemas and roles on a first run)
     * @throws ValidationException when the host configuration has no data source or a name is not
     *         a plain lower-case identifier
     */
    public static FluentConfiguration configure(FluentConfiguration host, String schema, String appRole) {
        if (host == null || host.getDataSource() == null) {
            throw new ValidationException("host", "a Flyway configuration with a data source is required");
        }
        FluentConfiguration own = Flyway.configure(host.getClassLoader())
                .dataSource(host.getDataSource())
                .connectRetries(host.getConnectRetries())
                .connectRetriesInterval(host.getConnectRetriesInterval());
        if (host.getInitSql() != null) {
            own.initSql(host.getInitSql());
        }
        return ours(own, IamSchema.identifier("schema", schema), IamSchema.identifier("appRole", appRole));
    }

    /** The version the newest script of this library brings the schema to (as {@link IamSchema#latestVersion()}). */
    public static String latestVersion() {
        return IamSchema.latestVersion();
    }

    /** The placeholders the scripts use (as {@link IamSchema#placeholders(String)}). */
    public static Map<String, String> placeholders(String appRole) {
        return IamSchema.placeholders(appRole);
    }

    public String schema() {
        return schema;
    }

    public String appRole() {
        return appRole;
    }

    /** Applies every pending version; returns how many were applied. */
    public int migrate() {
        return migrate(flyway());
    }

    /**
     * Applies the pending versions up to and including {@code toVersion}, one of this library's
     * (an upgrade in steps); returns how many were applied.
     *
     * @throws MigrationException when {@code toVersion} is not one of this library's versions
     */
    public int migrate(String toVersion) {
        if (!IamSchema.isVersion(toVersion)) {
            throw new MigrationException("version " + toVersion + " is not one of this library's (1 to " + latestVersion() + ")");
        }
        return migrate(configured().target(MigrationVersion.fromVersion(toVersion)).load());
    }

    private int migrate(Flyway flyway) {
        try {
            MigrateResult r = flyway.migrate();
            LOG.info("iamkit schema {}: {} migration(s) applied, now at version {}", schema, r.migrationsExecuted,
                    r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion);
            return r.migrationsExecuted;
        } catch (FlywayException e) {
            throw new MigrationException("migrating schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /** Every known version, applied or pending, oldest first. */
    public List<MigrationStatus> info() {
        try {
            List<MigrationStatus> out = new ArrayList<>();
            for (MigrationInfo i : flyway().info().all()) {
                if (i.getVersion() == null) {
                    continue;
                }
                MigrationStatus.State state = switch (i.getState()) {
                    case SUCCESS, OUT_OF_ORDER, BASELINE -> MigrationStatus.State.APPLIED;
                    case PENDING -> MigrationStatus.State.PENDING;
                    case FAILED, FUTURE_FAILED, OUTDATED -> MigrationStatus.State.FAILED;
                    case MISSING_SUCCESS, MISSING_FAILED, FUTURE_SUCCESS -> MigrationStatus.State.MISSING;
                    default -> MigrationStatus.State.OTHER;
                };
                out.add(new MigrationStatus(i.getVersion().getVersion(), i.getDescription(), state,
                        Optional.ofNullable(i.getInstalledOn()).map(java.util.Date::toInstant)));
            }
            return List.copyOf(out);
        } catch (FlywayException e) {
            throw new MigrationException("reading the migration history of schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /** The version the schema is at, or empty when nothing is applied. */
    public Optional<String> currentVersion() {
        return info().stream().filter(s -> s.state() == MigrationStatus.State.APPLIED).reduce((a, b) -> b).map(MigrationStatus::version);
    }

    /**
     * Checks that the applied versions are exactly the scripts of this library, unchanged, and that
     * none is pending.
     *
     * @throws MigrationException naming what differs
     */
    public void validate() {
        try {
            var result = flyway().validateWithResult();
            if (!result.validationSuccessful) {
                throw new MigrationException("schema " + schema + " does not match this library's migrations: "
                        + result.getAllErrorMessages());
            }
        } catch (FlywayException e) {
            throw new MigrationException("validating schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Distributes the schema on Citus, on the coordinator this data source connects to: the global
     * tables ({@link IamSchema#globalTables()}) become reference tables, the tenant tables
     * ({@link IamSchema#tenantTables()}) are distributed by {@code org_id} and colocated, in one
     * transaction; the application role gets {@code citus.propagate_set_commands = 'local'}. Tables
     * already distributed so are left alone: a second call changes nothing. See docs/citus.md.
     *
     * @return what this call changed (nothing when the schema was already distributed)
     * @throws MigrationException when the schema is not at this library's latest version, when the
     *         Citus extension is not installed in the database, when a table is already a Citus
     *         table of another kind, or when Citus refuses a step; nothing is changed then
     */
    public DistributionResult distribute() {
        List<MigrationStatus> all = info();
        List<String> notApplied = all.stream().filter(s -> s.state() != MigrationStatus.State.APPLIED)
                .map(s -> s.version() + " " + s.state()).toList();
        Optional<String> current = all.stream().filter(s -> s.state() == MigrationStatus.State.APPLIED)
                .reduce((a, b) -> b).map(MigrationStatus::version);
        if (!notApplied.isEmpty() || !current.equals(Optional.of(latestVersion()))) {
            throw new MigrationException("schema " + schema + " is at version " + current.orElse("none") + ", not " + latestVersion()
                    + (notApplied.isEmpty() ? "" : " (" + String.join(", ", notApplied) + ")")
                    + ": migrate it (iam migrate) before distributing it; nothing was changed");
        }
        return new IamDistribution(dataSource, schema, appRole).distribute();
    }

    /**
     * Undoes applied versions newer than {@code toVersion}, newest first, each with its rollback
     * script in one transaction that also removes its history row. {@code "0"} undoes everything
     * (the schema and history table stay, empty). Data in dropped tables is lost.
     *
     * @throws MigrationException when a version has no rollback script or a script fails; and,
     *         before anything is rolled back, below version {@value #LOWEST_ROLLBACK_ON_CITUS} of a
     *         schema distributed on Citus (the older rollback scripts re-create the triggers that
     *         distributing dropped, which Citus does not allow on distributed tables)
     */
    public int rollback(String toVersion) {
        MigrationVersion target = MigrationVersion.fromVersion(toVersion);
        if (target.compareTo(MigrationVersion.fromVersion(LOWEST_ROLLBACK_ON_CITUS)) < 0) {
            refuseOnCitus(toVersion);
        }
        List<MigrationStatus> applied = new ArrayList<>(info().stream()
                .filter(s -> s.state() == MigrationStatus.State.APPLIED)
                .filter(s -> MigrationVersion.fromVersion(s.version()).isNewerThan(target.getVersion()))
                .toList());
        applied.sort(Comparator.comparing((MigrationStatus s) -> MigrationVersion.fromVersion(s.version())).reversed());
        for (MigrationStatus s : applied) {
            String sql = rollbackScript(s.version());
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL search_path TO \"" + schema + "\"");
                    st.execute(sql);
                    try (PreparedStatement del = c.prepareStatement(
                            "DELETE FROM \"" + schema + "\"." + HISTORY_TABLE + " WHERE version = ?")) {
                        del.setString(1, s.version());
                        del.executeUpdate();
                    }
                    c.commit();
                    LOG.info("iamkit schema {}: rolled back version {} ({})", schema, s.version(), s.description());
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new MigrationException("rolling back version " + s.version() + " of schema " + schema + " failed: " + e.getMessage(), e);
            }
        }
        return applied.size();
    }

    /** The oldest version a schema distributed on Citus can be rolled back to (V28 moved the triggers' work into the store). */
    static final String LOWEST_ROLLBACK_ON_CITUS = "28";

    private void refuseOnCitus(String toVersion) {
        boolean distributed;
        try (Connection c = dataSource.getConnection()) {
            distributed = IamSchema.distributedOnCitus(c, schema);
        } catch (SQLException e) {
            throw new MigrationException("cannot read whether schema " + schema + " is distributed on Citus: " + e.getMessage(), e);
        }
        if (distributed) {
            throw new MigrationException("schema " + schema + " is distributed on Citus: it cannot be rolled back to version " + toVersion
                    + ", only to " + LOWEST_ROLLBACK_ON_CITUS + " or later (the rollback scripts of older versions re-create triggers,"
                    + " which Citus does not allow on distributed tables); nothing was rolled back");
        }
    }

    private String rollbackScript(String version) {
        String name = IamSchema.script(version)
                .map(v -> "U" + v.substring(1) + ".sql")
                .orElseThrow(() -> new MigrationException("version " + version + " is not one of this library's; it cannot be rolled back by it"));
        try (InputStream in = IamMigrations.class.getClassLoader().getResourceAsStream(ROLLBACKS + "/" + name)) {
            if (in == null) {
                throw new MigrationException("rollback script " + ROLLBACKS + "/" + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${flyway:defaultSchema}", schema)
                    .replace("${appRole}", appRole);
        } catch (IOException e) {
            throw new MigrationException("cannot read rollback script " + name, e);
        }
    }

    private Flyway flyway() {
        return configured().load();
    }

    private FluentConfiguration configured() {
        return ours(Flyway.configure(IamMigrations.class.getClassLoader()).dataSource(dataSource), schema, appRole);
    }

    private static FluentConfiguration ours(FluentConfiguration base, String schema, String appRole) {
        return base
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(MIGRATIONS)
                .placeholders(placeholders(appRole))
                .callbacks(new AppRoleCallback(appRole))
                .cleanDisabled(true)
                .validateMigrationNaming(true);
    }
}
