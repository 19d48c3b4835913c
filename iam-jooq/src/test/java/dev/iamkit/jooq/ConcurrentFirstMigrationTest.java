package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * First migrations of schemas that share an application role which does not exist yet, at once (a
 * host starting several services, or one schema per tenant, on a new server): the one that creates
 * the role second must not fail. The race is made certain here: another session has created the
 * role and not committed, so the migration's creation waits for it and meets the role only when
 * that session commits. Both ways of migrating: the library's {@code migrate()}, and a host's own
 * Flyway built by {@code IamMigrations.configure}.
 */
class ConcurrentFirstMigrationTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFirstMigrationWhoseAppRoleAnotherSessionCreatesMeanwhileSucceeds(boolean hostFlyway) throws Exception {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        String role = "iamkit_race_app_" + suffix;
        String schema = "iamkit_t_race_" + suffix;
        SchemaJanitor.dropLater(schema);
        try (Connection other = pg.connect()) {
            other.setAutoCommit(false);
            String xid;
            try (Statement st = other.createStatement()) {
                st.execute("CREATE ROLE " + role + " NOLOGIN");
                try (ResultSet rs = st.executeQuery("SELECT xid(pg_current_xact_id())::text")) {
                    rs.next();
                    xid = rs.getString(1);
                }
            }
            DataSource owner = TestDataSources.admin(pg);
            IamMigrations migrations = IamMigrations.of(owner, schema, role);
            Supplier<Integer> migrate = hostFlyway
                    ? () -> IamMigrations.configure(Flyway.configure().dataSource(owner), schema, role).load().migrate().migrationsExecuted
                    : migrations::migrate;
            CompletableFuture<Integer> migration = CompletableFuture.supplyAsync(migrate);
            await().atMost(Duration.ofSeconds(60)).until(() -> migration.isDone() || waitingFor(pg, xid));
            assertThat(migration).as("the migration waits for the session that is creating its role").isNotDone();
            other.commit();
            assertThat(migration.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(migrations.currentVersion()).isEqualTo(Optional.of(IamMigrations.latestVersion()));
        } finally {
            pg.dropSchema(schema);
            pg.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private static boolean waitingFor(PostgresTestDatabase pg, String xid) throws SQLException {
        try (Connection c = pg.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted AND transactionid::text = ?")) {
            ps.setString(1, xid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
