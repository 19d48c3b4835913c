package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.Health;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store's health can show: pool figures, a schema behind the library, a server that stops answering. */
class PostgresHealthTest {
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private String schema;
    private HikariDataSource pool;

    @BeforeEach
    void schema() {
        schema = pg.createSchema("iamkit_health");
        IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE).migrate();
        pool = TestDataSources.appPool(pg, "iamkit-health", 3);
    }

    @AfterEach
    void drop() {
        pool.close();
        pg.dropSchema(schema);
    }

    @Test
    void aHikariPoolReportsItsFiguresAndTheSchemaVersion() {
        try (PostgresIam db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0))) {
            Health h = db.health();
            assertThat(h.healthy()).as(h.toString()).isTrue();
            assertThat(h.schemaVersion()).contains(IamMigrations.latestVersion());
            assertThat(h.roundTrip()).isPositive();
            assertThat(h.pool()).hasValueSatisfying(p -> {
                assertThat(p.total()).isBetween(1, 3);
                assertThat(p.active() + p.idle()).isEqualTo(p.total());
                assertThat(p.waiting()).isZero();
            });
        }
    }

    @Test
    void aSchemaRolledBackUnderARunningStoreIsReportedAsBehind() {
        try (PostgresIam db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0))) {
            IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE).rollback("6");
            Health h = db.health();
            assertThat(h.reachable()).isTrue();
            assertThat(h.healthy()).isFalse();
            assertThat(h.schemaVersion()).contains("6");
            assertThat(h.problem()).hasValueSatisfying(p -> assertThat(p).contains("version 6").contains(IamMigrations.latestVersion()));
        }
    }

    @Test
    void aSchemaMigratedAheadOfTheLibraryIsHealthyAsTheStoreStartsOnIt() {
        pg.execute("INSERT INTO " + schema + "." + IamMigrations.HISTORY_TABLE + " (installed_rank, version, description, type, script, "
                + "checksum, installed_by, installed_on, execution_time, success) VALUES (999, '99', 'future', 'SQL', 'V99__future.sql', 0, "
                + "'postgres', now(), 0, true)");
        try (PostgresIam db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0))) {
            Health h = db.health();
            assertThat(h.schemaVersion()).contains("99");
            assertThat(h.healthy()).as(h.toString()).isTrue();
        }
    }

    @Test
    void aServerThatStopsAnsweringIsReportedNotThrown() {
        AtomicBoolean down = new AtomicBoolean();
        DataSource flaky = flaky(pool, down);
        try (PostgresIam db = PostgresIam.create(flaky, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0))) {
            down.set(true);
            Health h = db.health();
            assertThat(h.reachable()).isFalse();
            assertThat(h.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("cannot reach PostgreSQL").contains("refused"));
            assertThat(h.pool()).isEmpty();
        }
    }

    /** A data source that refuses connections once told to. */
    private static DataSource flaky(DataSource target, AtomicBoolean down) {
        return (DataSource) Proxy.newProxyInstance(PostgresHealthTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            if (m.getName().equals("getConnection") && down.get()) {
                throw new SQLException("connection refused (test)", "08001");
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
