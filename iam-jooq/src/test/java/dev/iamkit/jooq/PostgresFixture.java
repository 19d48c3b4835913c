package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.IamDatabase;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.time.Clock;

/**
 * One fresh schema per test class, migrated by the owner; the store under test connects as a
 * login role that is only a member of the application role, so row level security is in force
 * in every contract test, as in production. Each {@link #open} starts from empty tables.
 */
final class PostgresFixture implements IamFixture {
    private final String label;
    private final long cacheSize;
    private final boolean distributed;
    private boolean withoutStampTriggers;
    /**
     * One pool of the application login for every fixture of the JVM (the stores name their
     * schema in every statement, so they can share it): per-class pools kept connections open
     * until the JVM ended and, with many test classes, used up the server's connection slots.
     */
    private static HikariDataSource shared;
    private String schema;
    private HikariDataSource pool;

    private static synchronized HikariDataSource sharedPool(PostgresTestDatabase pg) {
        if (shared == null) {
            HikariDataSource p = TestDataSources.appPool(pg, "iamkit-test", 24);
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
            shared = p;
        }
        return shared;
    }

    PostgresFixture(String label) {
        this(label, PostgresIamConfig.defaults().cacheSize());
    }

    /** With {@code cacheSize} 0 every answer is read from the database: checks go through the V6 functions. */
    PostgresFixture(String label, long cacheSize) {
        this(label, cacheSize, false);
    }

    /** With {@code distributed}, the store runs as on Citus (no check functions, every read in a transaction). */
    PostgresFixture(String label, long cacheSize, boolean distributed) {
        this.label = label;
        this.cacheSize = cacheSize;
        this.distributed = distributed;
    }

    /**
     * A fixture whose schema has no trigger but the audit trail's, as {@code iam distribute} leaves
     * it on Citus (V28): the store's own statements are then all that stamps its changes.
     */
    static PostgresFixture withoutStampTriggers(String label) {
        PostgresFixture f = new PostgresFixture(label);
        f.withoutStampTriggers = true;
        return f;
    }

    /**
     * {@link #withoutStampTriggers} with the store in its Citus mode ({@code distributed}): what a
     * store on a distributed schema runs, on plain PostgreSQL.
     */
    static PostgresFixture asOnCitus(String label) {
        PostgresFixture f = new PostgresFixture(label, PostgresIamConfig.defaults().cacheSize(), true);
        f.withoutStampTriggers = true;
        return f;
    }

    /** Whether the stores this fixture opens run in their Citus mode. */
    boolean distributed() {
        return distributed;
    }

    synchronized String schema() {
        if (schema == null) {
            PostgresTestDatabase pg = PostgresTestDatabase.get();
            schema = pg.createSchema("iamkit_t_" + label);
            IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE).migrate();
            if (withoutStampTriggers) {
                dropStampTriggers(pg, schema);
            }
            if (CitusTestMode.on()) {
                CitusTestMode.distribute(pg, schema);
            }
            pool = sharedPool(pg);
            SchemaJanitor.dropLater(schema);
        }
        return schema;
    }

    /** Drops every trigger of the schema's tables but those of {@code audit_event}, as distributing does; asserts there were some. */
    static void dropStampTriggers(PostgresTestDatabase pg, String schema) {
        String drops;
        try (java.sql.Connection c = pg.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("""
                     select string_agg(format('DROP TRIGGER %I ON %I.%I', t.tgname, n.nspname, r.relname), '; ')
                       from pg_trigger t join pg_class r on r.oid = t.tgrelid join pg_namespace n on n.oid = r.relnamespace
                      where n.nspname = '""" + schema + "' and r.relname <> 'audit_event' and not t.tgisinternal")) {
            rs.next();
            drops = rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        if (drops == null) {
            throw new IllegalStateException("schema " + schema + " has no trigger to drop");
        }
        pg.execute(drops);
    }

    HikariDataSource pool() {
        schema();
        return pool;
    }

    @Override
    public IamDatabase open(Clock clock) {
        return open(clock, AuditKeys.none());
    }

    @Override
    public IamDatabase open(Clock clock, AuditKeys auditKeys) {
        emptyTables();
        return PostgresIam.create(pool, config(auditKeys), clock);
    }

    @Override
    public IamDatabase open(Clock clock, PasswordPolicy passwords) {
        emptyTables();
        return PostgresIam.create(pool, config(AuditKeys.none()).withPasswords(passwords), clock);
    }

    private void emptyTables() {
        String s = schema();
        if (CitusTestMode.on()) {
            CitusTestMode.emptyTables(PostgresTestDatabase.get(), s);
            return;
        }
        // Rows are deleted, not truncated: a TRUNCATE gives every table and index a new file and
        // leaves a dead catalog row for each, which over a run of the suite slowed every statement of
        // every later test. Replica mode skips the audit trail's refusal and the foreign keys'
        // triggers, so every table is emptied by its own DELETE, in one round trip.
        StringBuilder sql = new StringBuilder("SET session_replication_role = replica; BEGIN; ");
        for (String t : ALL_BUT_COUNTER) {
            sql.append("DELETE FROM ").append(s).append('.').append(t).append("; ");
        }
        PostgresTestDatabase.get().execute(sql.append("COMMIT; RESET session_replication_role").toString());
    }

    /** Every table of the schema but the global counter, which a fresh schema already holds and a reset keeps. */
    private static final java.util.List<String> ALL_BUT_COUNTER = java.util.stream.Stream
            .concat(dev.iamkit.migrations.IamSchema.globalTables().stream(), dev.iamkit.migrations.IamSchema.tenantTables().stream())
            .filter(t -> !t.equals("global_counter")).toList();

    /** A new store over the same schema, its rows kept. */
    @Override
    public IamDatabase reopen(IamDatabase db, Clock clock, AuditKeys auditKeys) {
        db.close();
        return PostgresIam.create(pool(), config(auditKeys), clock);
    }

    /** An empty store encrypting personal data with {@code cipher}. */
    IamDatabase open(Clock clock, dev.iamkit.support.PersonalDataCipher cipher) {
        return open(clock, AuditKeys.none(), cipher);
    }

    /** An empty store signing its audit trail with {@code auditKeys} and encrypting personal data with {@code cipher}. */
    IamDatabase open(Clock clock, AuditKeys auditKeys, dev.iamkit.support.PersonalDataCipher cipher) {
        emptyTables();
        return PostgresIam.create(pool, config(auditKeys).withPersonalData(cipher), clock);
    }

    /** A new store over the same schema with {@code cipher}, its rows kept. */
    IamDatabase reopen(IamDatabase db, Clock clock, dev.iamkit.support.PersonalDataCipher cipher) {
        db.close();
        return PostgresIam.create(pool(), config(AuditKeys.none()).withPersonalData(cipher), clock);
    }

    private PostgresIamConfig config(AuditKeys auditKeys) {
        return PostgresIamConfig.defaults().withSchema(schema()).withCacheSize(cacheSize).withAuditKeys(auditKeys).withDistributed(distributed || CitusTestMode.on());
    }

    @Override
    public boolean supports(Capability capability) {
        return capability == Capability.ROW_LEVEL_SECURITY;
    }
}
