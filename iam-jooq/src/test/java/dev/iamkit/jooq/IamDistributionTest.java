package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.IamSchema;
import dev.iamkit.migrations.MigrationException;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link IamMigrations#distribute()} on plain PostgreSQL: what it refuses, and the table lists it distributes by. */
class IamDistributionTest {
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private String schema;
    private IamMigrations migrations;

    @BeforeEach
    void freshSchema() {
        schema = pg.createSchema("iamkit_dist");
        migrations = IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE);
    }

    @AfterEach
    void drop() {
        pg.dropSchema(schema);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<String> tablesWhere(String condition) throws SQLException {
        return strings("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + schema
                + "' and c.relkind = 'r' and c.relname <> 'flyway_schema_history' and " + condition);
    }

    @Test
    void aSchemaNotAtTheLatestVersionIsRefused() {
        String latest = IamMigrations.latestVersion();
        assertThatThrownBy(migrations::distribute).isInstanceOf(MigrationException.class)
                .hasMessageContaining("schema " + schema + " is at version none, not " + latest)
                .hasMessageContaining("migrate it (iam migrate) before distributing it");
        migrations.migrate("5");
        assertThatThrownBy(migrations::distribute).isInstanceOf(MigrationException.class)
                .hasMessageContaining("is at version 5, not " + latest).hasMessageContaining(latest + " PENDING");
    }

    @Test
    void withoutCitusTheSchemaIsRefusedAndLeftAsItWas() throws SQLException {
        assumeFalse(!strings("select 1 from pg_extension where extname = 'citus'").isEmpty(),
                "the test database has the Citus extension: CitusDistributionTest covers distributing");
        migrations.migrate();
        String keys = "select conname from pg_constraint where contype = 'f' and connamespace = '" + schema + "'::regnamespace order by 1";
        String triggers = "select tgname || tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid "
                + "where not t.tgisinternal and c.relnamespace = '" + schema + "'::regnamespace order by 1";
        List<String> keysBefore = strings(keys);
        List<String> triggersBefore = strings(triggers);
        assertThatThrownBy(migrations::distribute).isInstanceOf(MigrationException.class)
                .hasMessageContaining("the Citus extension is not installed in database")
                .hasMessageContaining("distributing schema " + schema + " needs Citus")
                .hasMessageContaining("nothing was changed");
        assertThat(strings(keys)).hasSizeGreaterThan(40).isEqualTo(keysBefore);
        assertThat(strings(triggers)).hasSizeGreaterThan(20).isEqualTo(triggersBefore);
    }

    /** A new table in a later migration must be classified here, or distributing would leave it a local table on the coordinator. */
    @Test
    void theTableListsCoverEveryTableOfTheLatestSchema() throws SQLException {
        migrations.migrate();
        List<String> all = tablesWhere("true");
        assertThat(IamSchema.globalTables()).doesNotContainAnyElementsOf(IamSchema.tenantTables()).doesNotHaveDuplicates();
        assertThat(IamSchema.tenantTables()).doesNotHaveDuplicates();
        List<String> listed = new ArrayList<>(IamSchema.globalTables());
        listed.addAll(IamSchema.tenantTables());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(all);
        assertThat(IamSchema.tenantTables()).containsExactlyInAnyOrderElementsOf(
                tablesWhere("exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)"));
        // Citus needs the distribution column in every primary and unique key of a distributed table
        assertThat(strings("select c.relname from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]"
                + " where n.nspname = '" + schema + "' and i.indisunique and a.attname <> 'org_id'"))
                .doesNotContainAnyElementsOf(IamSchema.tenantTables());
    }
}
