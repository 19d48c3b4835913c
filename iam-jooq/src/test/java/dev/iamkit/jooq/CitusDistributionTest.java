package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iamkit.migrations.DistributionResult;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.IamSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IamMigrations#distribute()} on a real Citus coordinator, named by {@code IAMKIT_TEST_CITUS_URL}
 * (a JDBC URL; {@code IAMKIT_TEST_CITUS_USER} and {@code IAMKIT_TEST_CITUS_PASSWORD}, default
 * {@code postgres} and none). Citus is not in CI: without the variable every test here is reported
 * as skipped, with the reason.
 */
class CitusDistributionTest {
    static final String URL_VARIABLE = "IAMKIT_TEST_CITUS_URL";
    private DataSource citus;
    private String schema;
    private IamMigrations migrations;

    /** In {@code @BeforeEach}, not {@code @BeforeAll}: Surefire counts a class skipped there as no test at all, so the skip would not show. */
    @BeforeEach
    void freshSchemaOnACitusCoordinator() {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: this test needs a Citus coordinator"
                + " (e.g. jdbc:postgresql://127.0.0.1:5433/iam, see docs/citus.md), so it is skipped");
        citus = TestDataSources.of(url, System.getenv().getOrDefault("IAMKIT_TEST_CITUS_USER", "postgres"),
                System.getenv("IAMKIT_TEST_CITUS_PASSWORD"));
        schema = "iamkit_citus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        migrations = IamMigrations.of(citus, schema, TestDataSources.APP_ROLE);
        migrations.migrate();
    }

    @AfterEach
    void drop() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = citus.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = citus.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** One line per Citus table of the schema: name, partition method, replication model, distribution column, colocation group, shards. */
    private List<String> partitions() throws SQLException {
        return strings("select c.relname || ' ' || p.partmethod::text || ' ' || p.repmodel::text || ' ' || coalesce(column_to_column_name(p.logicalrelid, p.partkey), '-')"
                + " || ' ' || p.colocationid || ' ' || (select count(*) from pg_dist_shard s where s.logicalrelid = p.logicalrelid)"
                + " from pg_dist_partition p join pg_class c on c.oid = p.logicalrelid where c.relnamespace = '" + schema + "'::regnamespace order by 1");
    }

    /** Foreign keys and triggers of the schema's own tables (not the coordinator's shard placements, which live in the same schema). */
    private List<String> keysAndTriggers() throws SQLException {
        List<String> tables = new ArrayList<>(IamSchema.globalTables());
        tables.addAll(IamSchema.tenantTables());
        String own = "c.relnamespace = '" + schema + "'::regnamespace and c.relname in ('" + String.join("', '", tables) + "')";
        return strings("select 'fk ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) from pg_constraint k join pg_class c on c.oid = k.conrelid"
                + " where k.contype = 'f' and " + own
                + " union all select 'trigger ' || c.relname || ' ' || t.tgname || ' ' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                + " where not t.tgisinternal and " + own + " order by 1");
    }

    @Test
    void globalTablesBecomeReferenceTablesAndTenantTablesAreDistributedByOrgIdOnce() throws SQLException {
        List<String> before = keysAndTriggers();
        assertThat(partitions()).isEmpty();
        execute("ALTER ROLE " + TestDataSources.APP_ROLE + " RESET citus.propagate_set_commands");   // shared by every schema: an earlier run set it

        DistributionResult first = migrations.distribute();

        assertThat(first.referenceTables()).isEqualTo(IamSchema.globalTables().size());
        assertThat(first.distributedTables()).isEqualTo(IamSchema.tenantTables().size());
        assertThat(first.appRoleSet()).isTrue();
        List<String> partitions = partitions();
        assertThat(partitions).hasSize(IamSchema.globalTables().size() + IamSchema.tenantTables().size());
        for (String line : partitions) {
            String[] f = line.split(" ");
            if (IamSchema.globalTables().contains(f[0])) {
                assertThat(f).as(line).containsSubsequence("n", "t", "-");
            } else {
                assertThat(IamSchema.tenantTables()).as(line).contains(f[0]);
                assertThat(f).as(line).containsSubsequence("h", "s", "org_id");
            }
        }
        assertThat(partitions.stream().filter(l -> l.contains(" h ")).map(l -> l.split(" ")[4]).distinct()).as("one colocation group").hasSize(1);
        List<String> kept = before.stream().filter(l -> !l.startsWith("trigger ") || l.startsWith("trigger audit_event ")).toList();
        assertThat(first.stampTriggersDropped()).isEqualTo(before.size() - kept.size()).isPositive();
        assertThat(keysAndTriggers()).as("every foreign key re-added, the audit trail's triggers enabled again, the others dropped").isEqualTo(kept);
        assertThat(strings("select 1 from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = '"
                + TestDataSources.APP_ROLE + "' and 'citus.propagate_set_commands=local' = any (s.setconfig)")).hasSize(1);

        DistributionResult second = migrations.distribute();

        assertThat(second).isEqualTo(new DistributionResult(0, 0, false, 0));
        assertThat(partitions()).isEqualTo(partitions);
        assertThat(keysAndTriggers()).isEqualTo(kept);
    }

    /** Below V28 a rollback would re-create triggers Citus refuses; it is refused before anything is undone, and down to V28 it works. */
    @Test
    void aDistributedSchemaRollsBackToVersion28AtMost() throws SQLException {
        migrations.distribute();

        assertThatThrownBy(() -> migrations.rollback("27")).isInstanceOf(dev.iamkit.migrations.MigrationException.class)
                .hasMessageContaining("distributed on Citus").hasMessageContaining("only to 28 or later").hasMessageContaining("nothing was rolled back");
        assertThat(strings("select max(version::int) from " + schema + ".flyway_schema_history where success")).containsExactly(IamSchema.latestVersion());

        assertThat(migrations.rollback("28")).isEqualTo(Integer.parseInt(IamSchema.latestVersion()) - 28);
        migrations.migrate();
        assertThat(strings("select max(version::int) from " + schema + ".flyway_schema_history where success")).containsExactly(IamSchema.latestVersion());
        // V34 on a schema already distributed: its column on every shard, its stamping trigger not created (distributing drops them)
        assertThat(keysAndTriggers()).noneMatch(l -> l.startsWith("trigger org_counter "));
        assertThat(strings("select bool_and(success)::text || ' ' || count(*) from run_command_on_shards('" + schema
                + ".org_counter', $$select count(access_revision) from %s$$)")).singleElement().asString().startsWith("true ").doesNotEndWith(" 0");
    }

    @Test
    void rowsWrittenBeforeDistributingAreInTheShardsAndGoneFromTheCoordinatorsTable() throws SQLException {
        UUID org = UUID.randomUUID();
        try (Connection c = citus.getConnection(); Statement st = c.createStatement()) {   // the test login is a superuser: no policy applies
            st.execute("INSERT INTO " + schema + ".organization (id, slug, name, status, created_at, updated_at) VALUES ('" + org
                    + "', 'before', 'Before', 'ACTIVE', now(), now())");
            st.execute("INSERT INTO " + schema + ".org_counter (org_id) VALUES ('" + org + "')");
        }
        List<String> revision = strings("select revision from " + schema + ".global_counter");

        migrations.distribute();

        assertThat(strings("select id from " + schema + ".organization")).containsExactly(org.toString());
        assertThat(strings("select org_id from " + schema + ".org_counter")).containsExactly(org.toString());
        assertThat(strings("select revision from " + schema + ".global_counter")).as("copying fired no trigger").isEqualTo(revision);
        assertThat(strings("select pg_relation_size('" + schema + ".organization') + pg_relation_size('" + schema + ".org_counter')"))
                .containsExactly("0");
    }
    /**
     * {@code can}, {@code can_all} and {@code can_view} on a distributed schema (V29), called by the
     * application's login in a transaction whose tenant is set with {@code SET LOCAL}: true where the
     * grants allow (they were false whatever the grants before V29), false where they do not and for a
     * suspended user, and refused, not false, with no tenant set.
     */
    @Test
    void theCheckFunctionsAnswerFromTheShardsAndRefuseWithoutATenant() throws SQLException {
        DataSource app = appOnDistributedSchema();
        try (PostgresIam db = PostgresIam.create(app, PostgresIamConfig.defaults().withSchema(schema).withDistributed(true).withCacheSize(0))) {
            Clerk w = Clerk.in(db);
            dev.iamkit.model.OrgId org = w.org();
            dev.iamkit.model.Feature invoices = w.invoices();
            dev.iamkit.model.View page = w.page();
            dev.iamkit.model.User ann = w.ann();
            String who = "'" + org.value() + "', '" + ann.id().value() + "'";
            String checks = "SELECT " + schema + ".can(" + who + ", '" + invoices.id().value() + "', 'read')::text"
                    + " || ' ' || " + schema + ".can(" + who + ", '" + invoices.id().value() + "', 'approve')::text"
                    + " || ' ' || " + schema + ".can_all(" + who + ", ARRAY['" + invoices.id().value() + "', '" + invoices.id().value()
                    + "']::uuid[], ARRAY['read', 'approve'])::text"
                    + " || ' ' || " + schema + ".can_view(" + who + ", '" + page.id().value() + "')::text";
            assertThat(asTenant(app, org, checks)).isEqualTo("true false {t,f} true");
            db.users().update(db.users().find(ann.id()).orElseThrow().withStatus(dev.iamkit.model.UserStatus.SUSPENDED));
            assertThat(asTenant(app, org, checks)).as("suspended").isEqualTo("false false {f,f} false");
            try (Connection c = app.getConnection(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery("SELECT " + schema + ".can(" + who + ", '"
                                + invoices.id().value() + "', 'read')"))
                        .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    /**
     * A host that sets the tenant with {@code set_config} (which Citus does not carry to the
     * workers) still gets true answers inside a transaction block: the check sets it on the
     * shards itself (V31). Outside a transaction block nothing can carry it there, and the check
     * refuses (42501) instead of answering false from shards that see no tenant.
     */
    @Test
    void aTenantSetWithSetConfigStillGetsTrueAnswersAndOutsideATransactionARefusalNotFalse() throws SQLException {
        DataSource app = appOnDistributedSchema();
        try (PostgresIam db = PostgresIam.create(app, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0))) {
            Clerk w = Clerk.in(db);
            String who = "'" + w.org().value() + "', '" + w.ann().id().value() + "'";
            String checks = schema + ".can(" + who + ", '" + w.invoices().id().value() + "', 'read')::text"
                    + " || ' ' || " + schema + ".can_view(" + who + ", '" + w.page().id().value() + "')::text";
            String setConfig = "set_config('iamkit.org_id', '" + w.org().value() + "', true)";
            try (Connection c = app.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("SELECT " + setConfig);
                try (ResultSet rs = st.executeQuery("SELECT " + checks + ", " + checks)) {
                    rs.next();
                    assertThat(rs.getString(1) + " / " + rs.getString(2)).as("in a transaction, twice").isEqualTo("true true / true true");
                }
                c.rollback();
                c.setAutoCommit(true);
                assertThatThrownBy(() -> st.executeQuery("SELECT " + setConfig + ", " + checks))
                        .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                        .hasMessageContaining("transaction block");
            }
        }
    }

    /**
     * A login without {@code citus.propagate_set_commands = 'local'} would set the tenant on the
     * coordinator only, and the workers' row level security would answer every tenant read empty:
     * the store refuses to start on it, naming the fix.
     */
    @Test
    void aLoginWhoseSetLocalDoesNotReachTheWorkersIsRefusedAtStartup() throws SQLException {
        appOnDistributedSchema();
        String url = System.getenv(URL_VARIABLE);
        dev.iamkit.testkit.PostgresTestDatabase coordinator = dev.iamkit.testkit.PostgresTestDatabase.at(url,
                System.getenv().getOrDefault("IAMKIT_TEST_CITUS_USER", "postgres"), System.getenv("IAMKIT_TEST_CITUS_PASSWORD"));
        String login = "iamkit_test_no_propagation";
        coordinator.ensureAppLogin(TestDataSources.APP_ROLE, login, TestDataSources.APP_PASSWORD);
        coordinator.execute("ALTER ROLE " + login + " RESET citus.propagate_set_commands");
        DataSource app = TestDataSources.of(url, login, TestDataSources.APP_PASSWORD);
        assertThatThrownBy(() -> PostgresIam.create(app, PostgresIamConfig.defaults().withSchema(schema)))
                .isInstanceOf(dev.iamkit.error.ConfigurationException.class)
                .hasMessageContaining("ALTER ROLE " + login + " SET citus.propagate_set_commands = 'local'");
    }

    /**
     * Single-shard routing: with {@code citus.multi_task_query_log_level = error}, Citus fails any
     * statement it would run as more than one task, so the store's tenant reads and writes, a check
     * read from the store and a compile for the cache all passing proves that each touched one
     * shard. The control: a read across organizations fails under the same setting.
     */
    @Test
    void tenantReadsWritesChecksAndCompilesRunAsOneTask() throws SQLException {
        DataSource app = appOnDistributedSchema();
        DataSource strict = TestDataSources.of(System.getenv(URL_VARIABLE) + (System.getenv(URL_VARIABLE).contains("?") ? "&" : "?")
                + "options=-c%20citus.multi_task_query_log_level%3Derror", TestDataSources.APP_LOGIN, TestDataSources.APP_PASSWORD);
        dev.iamkit.model.OrgId org;
        dev.iamkit.model.Feature invoices;
        dev.iamkit.model.User ann;
        dev.iamkit.model.Role clerk;
        try (PostgresIam setup = PostgresIam.create(app, PostgresIamConfig.defaults().withSchema(schema).withDistributed(true).withCacheSize(0))) {
            dev.iamkit.testkit.TestData data = new dev.iamkit.testkit.TestData(setup);
            org = data.org().id();
            data.org();   // a second organization, so that a read across them has two shards to go to
            invoices = data.entitledFeature(org, "read");
            ann = data.member(org);
            clerk = data.role(org, dev.iamkit.model.Grant.allow(invoices, "read"));
        }
        try (PostgresIam db = PostgresIam.create(strict, PostgresIamConfig.defaults().withSchema(schema).withDistributed(true))) {
            var tenant = db.tenant(org);
            tenant.assignments().assign(clerk.id(), ann.id());
            assertThat(tenant.authz(dev.iamkit.authz.Consistency.full()).check(ann.id(), invoices.id(), "read")).as("read from the store").isTrue();
            assertThat(tenant.authz().check(ann.id(), invoices.id(), "read")).as("compiled for the cache").isTrue();
            assertThat(tenant.roles().find(clerk.id())).isPresent();
            assertThat(tenant.memberships().find(ann.id())).isPresent();
            assertThat(tenant.assignments().unassign(clerk.id(), dev.iamkit.model.Principal.user(ann.id()))).isTrue();
        }
        try (Connection c = strict.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET iamkit.scope = 'platform'");
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM " + schema + ".org_counter"))
                    .as("the control: a read of every organization's counter").isInstanceOf(SQLException.class);
        }
    }

    /**
     * As {@link #tenantReadsWritesChecksAndCompilesRunAsOneTask}, through a pool whose connections
     * live on, so that the driver has the server keep each statement's plan (from its fifth run,
     * where Citus may no longer read the organization from the parameters): every kind of tenant
     * write, ten times over, still goes to one shard. A statement Citus sent to every shard would
     * lock them all, and writes of other organizations would wait for its transaction.
     */
    @Test
    void repeatedWritesStayOnOneShardWhenTheServerKeepsTheirPlans() throws SQLException {
        DataSource app = appOnDistributedSchema();
        dev.iamkit.model.OrgId org;
        dev.iamkit.model.Feature invoices;
        dev.iamkit.model.User ann;
        dev.iamkit.model.Role clerk;
        dev.iamkit.model.Team team;
        try (PostgresIam setup = PostgresIam.create(app, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0))) {
            dev.iamkit.testkit.TestData data = new dev.iamkit.testkit.TestData(setup);
            org = data.org().id();
            data.org();
            invoices = data.entitledFeature(org, "read", "approve");
            ann = data.member(org);
            clerk = data.role(org, dev.iamkit.model.Grant.allow(invoices, "read"));
            team = data.team(org);
        }
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl(System.getenv(URL_VARIABLE));
        hc.setUsername(TestDataSources.APP_LOGIN);
        hc.setPassword(TestDataSources.APP_PASSWORD);
        hc.setMaximumPoolSize(2);
        hc.setConnectionInitSql("SET citus.multi_task_query_log_level = error");
        try (com.zaxxer.hikari.HikariDataSource strict = new com.zaxxer.hikari.HikariDataSource(hc);
             PostgresIam db = PostgresIam.create(strict, PostgresIamConfig.defaults().withSchema(schema))) {
            var tenant = db.tenant(org);
            for (int i = 0; i < 10; i++) {
                tenant.assignments().assign(clerk.id(), ann.id());
                assertThat(tenant.authz().check(ann.id(), invoices.id(), "read")).as("round %d", i).isTrue();
                tenant.grants().grant(clerk.id(), dev.iamkit.model.Grant.allow(invoices, "approve"));
                tenant.grants().revoke(clerk.id(), invoices.id(), "approve");
                tenant.grants().replace(clerk.id(), java.util.List.of(dev.iamkit.model.Grant.allow(invoices, "read")));
                tenant.teams().addMember(team.id(), ann.id());
                tenant.teams().removeMember(team.id(), ann.id());
                assertThat(tenant.assignments().unassign(clerk.id(), dev.iamkit.model.Principal.user(ann.id()))).isTrue();
                assertThat(tenant.authz(dev.iamkit.authz.Consistency.full()).check(ann.id(), invoices.id(), "read")).isFalse();
            }
        }
    }

    /** An organization with a feature (read, approve) and a view, and Ann, a member whose role allows read and the view. */
    private record Clerk(dev.iamkit.model.OrgId org, dev.iamkit.model.Feature invoices, dev.iamkit.model.View page, dev.iamkit.model.User ann) {
        static Clerk in(PostgresIam db) {
            dev.iamkit.testkit.TestData data = new dev.iamkit.testkit.TestData(db);
            dev.iamkit.model.OrgId org = data.org().id();
            dev.iamkit.model.Feature invoices = data.entitledFeature(org, "read", "approve");
            dev.iamkit.model.View page = data.entitledView(org);
            dev.iamkit.model.User ann = data.member(org);
            dev.iamkit.model.Role clerk = data.role(org, dev.iamkit.model.Grant.allow(invoices, "read"));
            db.tenant(org).grants().grantView(clerk.id(), dev.iamkit.model.ViewAccess.allow(page.id()));
            db.tenant(org).assignments().assign(clerk.id(), ann.id());
            return new Clerk(org, invoices, page, ann);
        }
    }

    /** Distributes the schema and makes the tests' login, with the Citus setting it needs; its data source. */
    private DataSource appOnDistributedSchema() {
        migrations.distribute();
        String url = System.getenv(URL_VARIABLE);
        dev.iamkit.testkit.PostgresTestDatabase coordinator = dev.iamkit.testkit.PostgresTestDatabase.at(url,
                System.getenv().getOrDefault("IAMKIT_TEST_CITUS_USER", "postgres"), System.getenv("IAMKIT_TEST_CITUS_PASSWORD"));
        coordinator.ensureAppLogin(TestDataSources.APP_ROLE, TestDataSources.APP_LOGIN, TestDataSources.APP_PASSWORD);
        coordinator.execute("ALTER ROLE " + TestDataSources.APP_LOGIN + " SET citus.propagate_set_commands = 'local'");
        return TestDataSources.of(url, TestDataSources.APP_LOGIN, TestDataSources.APP_PASSWORD);
    }

    /** {@code sql}'s one text answer, in a transaction whose tenant is {@code org}, set as a host sets it on Citus; a statement of more than one task fails. */
    private static String asTenant(DataSource app, dev.iamkit.model.OrgId org, String sql) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL iamkit.org_id = '" + org.value() + "'");
                st.execute("SET LOCAL citus.multi_task_query_log_level = 'error'");   // and every statement of the functions goes to one shard
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    return rs.getString(1);
                } finally {
                    c.rollback();
                }
            }
        }
    }
}
