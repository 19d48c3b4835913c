package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.MigrationStatus;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamMigrationsTest {
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private String schema;
    private IamMigrations migrations;

    @BeforeEach
    void freshSchema() {
        schema = pg.createSchema("iamkit_mig");
        migrations = IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE);
    }

    @AfterEach
    void drop() {
        pg.dropSchema(schema);
    }

    private int count(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int tables() throws SQLException {
        return count("select count(*) from pg_tables where schemaname = '" + schema + "' and tablename <> 'flyway_schema_history'");
    }

    /** How many of the library's versions are above {@code version} (the numbering may have gaps). */
    private int versionsAbove(int version) {
        return (int) migrations.info().stream().filter(m -> Integer.parseInt(m.version()) > version).count();
    }

    private int checkFunctions() throws SQLException {
        return count("select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
                + "where n.nspname = '" + schema + "' and p.proname in ('can', 'can_all', 'can_view')");
    }

    @Test
    void migrateAppliesEveryVersionOnceAndValidates() throws SQLException {
        int versions = versionsAbove(0);
        assertThat(migrations.migrate()).isEqualTo(versions).isGreaterThanOrEqualTo(7);
        assertThat(migrations.migrate()).isZero();
        assertThat(migrations.info()).extracting(MigrationStatus::state).containsOnly(MigrationStatus.State.APPLIED);
        assertThat(migrations.currentVersion()).contains(IamMigrations.latestVersion());
        migrations.validate();
        assertThat(tables()).isEqualTo(37);
        assertThat(checkFunctions()).isEqualTo(3);
        assertThat(count("select count(*) from " + schema + ".flyway_schema_history")).isEqualTo(versions);
        // V32: can_all keeps its generic plan (a later CREATE OR REPLACE of it would silently drop the setting)
        assertThat(count("select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = '" + schema
                + "' and p.proname = 'can_all' and 'plan_cache_mode=force_generic_plan' = any (p.proconfig)")).isEqualTo(1);
        // V33: the audit snapshots are compressed with lz4 where the server has it (this one does: the test says so first)
        assertThat(count("select count(*) from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)")).isEqualTo(1);
        assertThat(count("select count(*) from pg_attribute where attrelid = '" + schema + ".audit_event'::regclass"
                + " and attname in ('before', 'after') and attcompression = 'l'")).isEqualTo(2);
    }

    @Test
    void migrateToAVersionStopsThereAndTheRestFollowsLater() {
        assertThat(migrations.migrate("5")).isEqualTo(5);
        assertThat(migrations.currentVersion()).contains("5");
        assertThat(migrations.migrate("5")).isZero();
        assertThatThrownBy(() -> migrations.migrate("99")).isInstanceOf(dev.iamkit.migrations.MigrationException.class)
                .hasMessageContaining("version 99 is not one of this library's");
        assertThat(migrations.migrate()).isEqualTo(versionsAbove(5));
        assertThat(migrations.currentVersion()).contains(IamMigrations.latestVersion());
    }

    @Test
    void infoListsPendingVersionsBeforeMigrating() {
        assertThat(migrations.info()).extracting(MigrationStatus::state).containsOnly(MigrationStatus.State.PENDING);
        assertThat(migrations.currentVersion()).isEmpty();
    }

    @Test
    void rollbackUndoesVersionsNewestFirstAndTheSchemaMigratesAgain() throws SQLException {
        migrations.migrate();

        assertThat(migrations.rollback("32")).isEqualTo(versionsAbove(32));
        assertThat(count("select count(*) from pg_attribute where attrelid = '" + schema + ".audit_event'::regclass"
                + " and attname in ('before', 'after') and attcompression = 'l'")).isZero();
        assertThat(migrations.rollback("5")).isEqualTo(versionsAbove(5) - versionsAbove(32));
        assertThat(checkFunctions()).isZero();
        assertThat(tables()).isEqualTo(21);
        assertThat(migrations.rollback("1")).isEqualTo(4);
        assertThat(migrations.currentVersion()).contains("1");
        assertThat(tables()).isEqualTo(20);
        assertThat(count("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = '" + schema + "' and c.relrowsecurity")).isZero();

        assertThat(migrations.rollback("0")).isEqualTo(1);
        assertThat(tables()).isZero();
        assertThat(migrations.currentVersion()).isEmpty();

        assertThat(migrations.migrate()).isEqualTo(versionsAbove(0));
        migrations.validate();
        assertThat(tables()).isEqualTo(37);
        assertThat(checkFunctions()).isEqualTo(3);
    }

    /** How many triggers of the schema run {@code function}. */
    private int triggersRunning(String function) throws SQLException {
        return count("select count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid join pg_namespace n on n.oid = p.pronamespace "
                + "where n.nspname = '" + schema + "' and p.proname = '" + function + "'");
    }

    @Test
    void rollingBackTheGlobalRevisionBringsBackTheAnnouncementsItReplaced() throws SQLException {
        migrations.migrate();
        assertThat(triggersRunning("bump_global_revision")).as("one per global table, and V5's eight announcements").isEqualTo(18);
        assertThat(triggersRunning("notify_global_change")).isZero();

        assertThat(migrations.rollback("14")).isEqualTo(versionsAbove(14));
        assertThat(tables()).isEqualTo(31);
        assertThat(triggersRunning("bump_global_revision")).isZero();
        assertThat(triggersRunning("notify_global_change")).isEqualTo(8);

        assertThat(migrations.migrate()).isEqualTo(versionsAbove(14));
        migrations.validate();
        assertThat(triggersRunning("bump_global_revision")).isEqualTo(18);
    }

    /** V25 folds the grants of every role that exists when it runs, so a compile after the upgrade reads current rows. */
    @Test
    void theRoleAccessMigrationFoldsTheGrantsOfExistingRoles() throws SQLException {
        migrations.migrate();
        assertThat(migrations.rollback("24")).isEqualTo(versionsAbove(24));
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            String s = "\"" + schema + "\".";
            st.execute("insert into " + s + "organization (id, slug, name, status, created_at, updated_at) "
                    + "values ('00000000-0000-7000-8000-000000000001', 'acme', 'Acme', 'ACTIVE', now(), now())");
            st.execute("insert into " + s + "role (org_id, id, code, name, created_at, updated_at) values "
                    + "('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002', 'clerk', 'Clerk', now(), now()), "
                    + "('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000003', 'idle', 'Idle', now(), now())");
            st.execute("insert into " + s + "feature (id, code, name) values ('00000000-0000-7000-8000-000000000004', 'invoices', 'Invoices')");
            st.execute("insert into " + s + "feature_action (feature_id, action) values "
                    + "('00000000-0000-7000-8000-000000000004', 'read'), ('00000000-0000-7000-8000-000000000004', 'void')");
            st.execute("insert into " + s + "feature_grant (org_id, role_id, feature_id, action, effect, granted_by, granted_at) values "
                    + "('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000004', "
                    + "'read', 'ALLOW', 'system', now()), "
                    + "('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000004', "
                    + "'void', 'DENY', 'system', now())");
        }

        assertThat(migrations.migrate()).isEqualTo(versionsAbove(24));

        String folded = "select count(*) from \"" + schema + "\".role_access where role_id = ";
        assertThat(count(folded + "'00000000-0000-7000-8000-000000000002' and allow_features = '{00000000-0000-7000-8000-000000000004}' "
                + "and allow_actions = '{read}' and deny_features = '{00000000-0000-7000-8000-000000000004}' and deny_actions = '{void}' "
                + "and allow_views = '{}' and deny_views = '{}' and epoch = 0")).isEqualTo(1);
        assertThat(count(folded + "'00000000-0000-7000-8000-000000000003' and cardinality(allow_features) = 0 and cardinality(deny_features) = 0"))
                .as("a role without grants has a row too").isEqualTo(1);
    }

    /** Rolling V27 back would leave a sealed challenge naming only a blind index: refused while one exists, as U24 refuses for users. */
    @Test
    void theSealedChallengeRollbackRefusesWhileAChallengeIsSealed() throws SQLException {
        migrations.migrate();
        String insert = "insert into \"" + schema + "\".magic_link_challenge (id, email, purpose, token_digest, created_at, expires_at, "
                + "sealed_email, master_key_id) values ('00000000-0000-7000-8000-000000000001', '" + "ab".repeat(32) + "@blind-index.invalid', "
                + "'login', decode(repeat('01', 32), 'hex'), now(), now() + interval '1 hour', decode(repeat('02', 40), 'hex'), 'm1')";
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(insert.replace("'m1')", "null)"))).as("sealed without a key id").isInstanceOf(SQLException.class);
            st.execute(insert);
        }
        assertThatThrownBy(() -> migrations.rollback("26")).hasMessageContaining("cannot roll back V27");
        assertThat(count("select count(*) from \"" + schema + "\".magic_link_challenge where sealed_email is not null")).isEqualTo(1);
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("delete from \"" + schema + "\".magic_link_challenge");
        }
        assertThat(migrations.rollback("26")).as("V27 (V28, above it, was rolled back by the refused attempt)").isEqualTo(1);
        assertThat(count("select count(*) from information_schema.columns where table_schema = '" + schema
                + "' and table_name = 'magic_link_challenge' and column_name in ('sealed_email', 'master_key_id')")).isZero();
        assertThat(migrations.migrate()).isEqualTo(versionsAbove(26));
    }

    @Test
    void theStoreRefusesASchemaThatIsNotMigrated() {
        assertThatThrownBy(() -> PostgresIam.create(TestDataSources.admin(pg), PostgresIamConfig.defaults().withSchema(schema)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("iam migrate");
    }

    @Test
    void theStoreRefusesASchemaOlderThanTheLibrary() {
        migrations.migrate();
        migrations.rollback("3");
        assertThatThrownBy(() -> PostgresIam.create(TestDataSources.admin(pg), PostgresIamConfig.defaults().withSchema(schema)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("version 3");
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreRefused() {
        assertThatThrownBy(() -> IamMigrations.of(TestDataSources.admin(pg), "x; drop", "iamkit_app"))
                .isInstanceOf(dev.iamkit.error.ValidationException.class);
    }
}
