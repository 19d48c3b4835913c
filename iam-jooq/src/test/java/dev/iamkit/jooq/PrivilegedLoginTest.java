package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.Health;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store refuses every login that row level security would not bind — a superuser, a role with
 * BYPASSRLS, a login that may become one, an owner of the schema's tables — naming the fix, unless
 * the configuration allows it; then {@code health()} says isolation is off.
 */
class PrivilegedLoginTest {
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static final String PASSWORD = "privileged-test";
    private static String schema;

    @BeforeAll
    static void migrate() {
        schema = PG.createSchema("iamkit_privileged");
        IamMigrations.of(TestDataSources.admin(PG), schema, TestDataSources.APP_ROLE).migrate();
        TestDataSources.app(PG);
        PG.execute("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iamkit_test_bypass') THEN
                        CREATE ROLE iamkit_test_bypass LOGIN BYPASSRLS PASSWORD '%1$s';
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iamkit_test_climber') THEN
                        CREATE ROLE iamkit_test_climber LOGIN PASSWORD '%1$s';
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iamkit_test_owner') THEN
                        CREATE ROLE iamkit_test_owner LOGIN PASSWORD '%1$s';
                    END IF;
                END
                $$""".formatted(PASSWORD));
        for (String login : new String[] {"iamkit_test_bypass", "iamkit_test_climber", "iamkit_test_owner"}) {
            PG.execute("GRANT " + TestDataSources.APP_ROLE + " TO " + login);
        }
        PG.execute("GRANT iamkit_test_bypass TO iamkit_test_climber");
        PG.execute("ALTER TABLE \"" + schema + "\".role OWNER TO iamkit_test_owner");
    }

    @AfterAll
    static void drop() {
        PG.dropSchema(schema);
        PG.execute("REVOKE iamkit_test_bypass FROM iamkit_test_climber");
    }

    private static DataSource as(String login) {
        return TestDataSources.of(PG.jdbcUrl(), login, login.equals(PG.user()) ? PG.password() : PASSWORD);
    }

    private static PostgresIamConfig config() {
        return PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0);
    }

    @Test
    void aSuperuserABypassRoleALoginThatMayBecomeOneAndAnOwnerAreRefusedWithTheFix() {
        assertThatThrownBy(() -> PostgresIam.create(as(PG.user()), config(), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is a superuser").hasMessageContaining("GRANT iamkit_app TO").hasMessageContaining("IAMKIT_ALLOW_PRIVILEGED_LOGIN");
        assertThatThrownBy(() -> PostgresIam.create(as("iamkit_test_bypass"), config(), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("has BYPASSRLS");
        assertThatThrownBy(() -> PostgresIam.create(as("iamkit_test_climber"), config(), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("may become iamkit_test_bypass");
        assertThatThrownBy(() -> PostgresIam.create(as("iamkit_test_owner"), config(), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("owns 1 table(s) of schema " + schema);
    }

    @Test
    void theApplicationLoginStartsAndHealthSaysRowLevelSecurityIsInForce() {
        try (PostgresIam db = PostgresIam.create(TestDataSources.app(PG), config(), Clock.systemUTC())) {
            Health h = db.health();
            assertThat(h.rowLevelSecurity()).contains(true);
            assertThat(h.healthy()).isTrue();
        }
    }

    @Test
    void whenAllowedAPrivilegedLoginStartsAndHealthReportsTheIsolationOff() {
        try (PostgresIam db = PostgresIam.create(as("iamkit_test_bypass"), config().withAllowPrivilegedLogin(true), Clock.systemUTC())) {
            Health h = db.health();
            assertThat(h.reachable()).isTrue();
            assertThat(h.rowLevelSecurity()).contains(false);
            assertThat(h.healthy()).isFalse();
            assertThat(h.problem()).hasValueSatisfying(p -> assertThat(p).contains("row level security is not in force for login iamkit_test_bypass"));
        }
    }
}
