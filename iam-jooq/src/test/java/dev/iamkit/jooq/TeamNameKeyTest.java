package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iamkit.TenantScope;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.MigrationException;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.Team;
import dev.iamkit.support.CaseFolding;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Team names are unique by a key the library computes and stores in {@code team.name_key} (V13),
 * not by {@code lower(name)}, which depends on the database's collation. What only PostgreSQL
 * has: the stored key, the backfill of teams written before V13 (by a schema owner that forced
 * row level security binds), and the rollback, which cannot keep names that {@code lower()} does
 * not tell apart.
 */
class TeamNameKeyTest {
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static final String MIGRATOR = "iamkit_test_migrator";
    private static final String PASSWORD = "iamkit-test-migrator";
    private String schema;
    private IamMigrations migrations;

    @BeforeEach
    void migratedSchema() {
        schema = PG.createSchema("iamkit_team_key");
        migrations = IamMigrations.of(TestDataSources.admin(PG), schema, TestDataSources.APP_ROLE);
        migrations.migrate();
    }

    @AfterEach
    void drop() {
        PG.dropSchema(schema);
    }

    private PostgresIam store() {
        return PostgresIam.create(TestDataSources.app(PG), PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0), new MutableClock());
    }

    /** Teams of these names in a new organization "acme", made by the store. */
    private void createTeams(String... names) {
        try (PostgresIam db = store()) {
            TenantScope acme = db.tenant(db.organizations().create(new NewOrganization("acme", "Acme")).id());
            for (String name : names) {
                acme.teams().create(new NewTeam(name));
            }
        }
    }

    /** Name to stored key of every team, read by the owner. */
    private Map<String, String> storedKeys() throws SQLException {
        Map<String, String> keys = new TreeMap<>();
        try (Connection c = PG.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select name, name_key from \"" + schema + "\".team")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
            }
        }
        return keys;
    }

    @Test
    void theStoreKeysEveryTeamItCreatesOrRenamesByTheLibrarysRule() throws SQLException {
        try (PostgresIam db = store()) {
            TenantScope acme = db.tenant(db.organizations().create(new NewOrganization("acme", "Acme")).id());
            acme.teams().create(new NewTeam("\u039F\u0394\u039F\u03A3"));
            acme.teams().create(new NewTeam("\u0130nfo"));
            Team renamed = acme.teams().create(new NewTeam("Ops"));
            acme.teams().update(renamed.withName("Stra\u00DFe"));
        }

        assertThat(storedKeys()).isEqualTo(Map.of(
                "\u039F\u0394\u039F\u03A3", CaseFolding.key("\u039F\u0394\u039F\u03A3"),
                "\u0130nfo", "i\u0307nfo",
                "Stra\u00DFe", "strasse"));
    }

    @Test
    void v13KeysTeamsWrittenBeforeItByLowerNameEvenAsAnOwnerThatRowLevelSecurityBinds() throws SQLException {
        createTeams("Ops", "Stra\u00DFe");
        migrations.rollback("12");
        asMigratorOwningTheTeams(() -> assertThat(IamMigrations.of(TestDataSources.of(PG.jdbcUrl(), MIGRATOR, PASSWORD), schema,
                TestDataSources.APP_ROLE).migrate("13")).isEqualTo(1));
        migrations.migrate();

        assertThat(storedKeys()).isEqualTo(Map.of("Ops", "ops", "Stra\u00DFe", "stra\u00DFe"));
        try (PostgresIam db = store()) {
            TenantScope acme = db.tenant(db.organizations().findBySlug("acme").orElseThrow().id());
            assertThat(acme.teams().findByName("OPS")).map(Team::name).contains("Ops");
            // lower() kept ß where the library's key spells ss: the team is found by name again once it is next written
            assertThat(acme.teams().findByName("Stra\u00DFe")).isEmpty();
            Team strasse = acme.teams().list(dev.iamkit.model.PageRequest.first(10)).items().stream()
                    .filter(t -> t.name().equals("Stra\u00DFe")).findFirst().orElseThrow();
            acme.teams().update(strasse.withDescription("re-keyed"));
            assertThat(acme.teams().findByName("STRASSE")).map(Team::id).contains(strasse.id());
        }
        assertThat(storedKeys()).containsEntry("Stra\u00DFe", "strasse");
    }

    @Test
    void rollingV13BackIsRefusedWhileTwoTeamsShareTheirLowerCasedName() throws SQLException {
        assumeTrue(query("select lower('\u0130nfo') = 'info'").equals("t"), "the database's ctype lowers the dotted capital I to i");
        createTeams("\u0130nfo", "info");

        assertThatThrownBy(() -> migrations.rollback("12")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("rolling back version 13").hasMessageContaining("team_name");
        assertThat(migrations.currentVersion()).as("the versions after 13 are rolled back, 13 is not").contains("13");
        assertThat(storedKeys()).containsOnlyKeys("\u0130nfo", "info");
    }

    /** Runs {@code work} while {@link #MIGRATOR}, a login that is no superuser, owns the team table and the history. */
    private void asMigratorOwningTheTeams(Runnable work) throws SQLException {
        PG.execute("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '%2$s';
                    END IF;
                END
                $$""".formatted(MIGRATOR, PASSWORD));
        String s = "\"" + schema + "\"";
        PG.execute("GRANT USAGE, CREATE ON SCHEMA " + s + " TO " + MIGRATOR);
        PG.execute("ALTER TABLE " + s + ".team OWNER TO " + MIGRATOR + "; ALTER TABLE " + s + ".flyway_schema_history OWNER TO " + MIGRATOR);
        try {
            assertThat(query("select relforcerowsecurity from pg_class where oid = '" + s + ".team'::regclass")).isEqualTo("t");
            work.run();
            assertThat(query("select relforcerowsecurity from pg_class where oid = '" + s + ".team'::regclass")).isEqualTo("t");
        } finally {
            PG.execute("ALTER TABLE " + s + ".team OWNER TO " + PG.user() + "; ALTER TABLE " + s + ".flyway_schema_history OWNER TO " + PG.user()
                    + "; REVOKE ALL ON SCHEMA " + s + " FROM " + MIGRATOR);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = PG.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
