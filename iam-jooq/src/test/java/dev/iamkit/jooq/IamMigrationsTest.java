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
        assertThat(tables()).isEqualTo(36);
        assertThat(checkFunctions()).isEqualTo(3);
        assertThat(count("select count(*) from " + schema + ".flyway_schema_history")).isEqualTo(versions);
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

        assertThat(migrations.rollback("5")).isEqualTo(versionsAbove(5));
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
        assertThat(tables()).isEqualTo(36);
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
