package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.error.StorageException;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.Health;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the server gone (its port refusing) or black-holed (every byte dropped, connections left
 * open), {@code health()} answers within its bound whatever the pool's own patience, and the
 * store's own pool fails calls within its connection timeout. The network misbehaves in a
 * {@link TcpProxy} in front of the shared server, which is never touched. The bound asserted (15 s)
 * is far above the settings (1 s) and below what the pools would make a caller wait (20 s, a
 * minute, HikariCP's default 30 s, or for a read on a dropped connection, forever).
 */
class FailFastTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private String schema;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        schema = pg.createSchema("iamkit_failfast");
        IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE).migrate();
        TestDataSources.app(pg);
        Matcher m = HOST_PORT.matcher(pg.jdbcUrl());
        assertThat(m.lookingAt()).as(pg.jdbcUrl()).isTrue();
        proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        pg.dropSchema(schema);
    }

    private String proxiedUrl() {
        return HOST_PORT.matcher(pg.jdbcUrl()).replaceFirst("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
    }

    /** A host's pool through the proxy, as patient as {@code connectionTimeout}. */
    private HikariDataSource hostPool(Duration connectionTimeout) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(proxiedUrl());
        hc.setUsername(TestDataSources.APP_LOGIN);
        hc.setPassword(TestDataSources.APP_PASSWORD);
        hc.setMaximumPoolSize(2);
        hc.setConnectionTimeout(connectionTimeout.toMillis());
        hc.setPoolName("iamkit-failfast-host");
        return new HikariDataSource(hc);
    }

    private PostgresIamConfig config() {
        return PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0).withHealthTimeout(Duration.ofSeconds(1));
    }

    private static void assertDidNotAnswerWithinOneSecond(Health h) {
        assertThat(h.reachable()).isFalse();
        assertThat(h.healthy()).isFalse();
        assertThat(h.problem()).hasValueSatisfying(p -> assertThat(p).contains("did not answer within 1 s").contains("IAMKIT_HEALTH_TIMEOUT"));
    }

    @Test
    void healthAnswersWithinItsBoundWhenEveryByteIsDroppedThoughTheHostsPoolWouldWait20Seconds() throws IOException {
        try (HikariDataSource host = hostPool(Duration.ofSeconds(20)); PostgresIam db = PostgresIam.create(host, config(), Clock.systemUTC())) {
            assertThat(db.health().healthy()).isTrue();
            proxy.blackHole();

            // the probe's read times out with the same bound, or the pool makes it wait for a new
            // connection: either way the caller has its answer in time
            for (int i = 0; i < 3; i++) {
                Health h = assertTimeoutPreemptively(PATIENCE, db::health);
                assertThat(h.reachable()).isFalse();
                assertThat(h.problem()).isPresent();
            }

            proxy.heal();
            await().atMost(Duration.ofMinutes(1)).until(() -> db.health().healthy());
        }
    }

    @Test
    void healthAnswersWithinItsBoundWhenTheHostsPoolHasNoConnectionToLendForAMinute() throws Exception {
        try (HikariDataSource host = hostPool(Duration.ofMinutes(1)); PostgresIam db = PostgresIam.create(host, config(), Clock.systemUTC())) {
            // the pool holds two: both busy elsewhere
            try (Connection busy = host.getConnection(); Connection busyToo = host.getConnection()) {
                assertDidNotAnswerWithinOneSecond(assertTimeoutPreemptively(PATIENCE, db::health));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> db.health().healthy());
        }
    }

    @Test
    void theStoresOwnPoolFailsCallsWithinItsConnectTimeoutWhenTheServerIsGoneAndTheyApplyNothing() throws IOException {
        String url = proxiedUrl() + (proxiedUrl().contains("?") ? "&" : "?") + "user=" + TestDataSources.APP_LOGIN + "&password="
                + TestDataSources.APP_PASSWORD;
        try (PostgresIam db = PostgresIam.connect(url, config().withConnectTimeout(Duration.ofSeconds(1)), Clock.systemUTC())) {
            UserId nobody = UserId.of(UUID.randomUUID());
            assertThat(db.users().find(nobody)).isEmpty();
            proxy.refuse();

            // calls may still be lent connections the proxy just closed (lost connections, nothing
            // applied) until the pool has dropped them; then it has none to lend
            StorageException failure;
            int calls = 0;
            do {
                failure = assertTimeoutPreemptively(PATIENCE, () -> catchThrowableOfType(StorageException.class, () -> db.users().find(nobody)));
                assertThat(failure).isNotNull();
                assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(StorageException.Kind.NOT_APPLIED);
                assertThat(failure.retryable()).isTrue();
            } while (!failure.getMessage().contains("cannot get a database connection") && ++calls < 20);
            // the pool waited the configured second (it reports the time it measured: 1000ms, or 1001ms on a busy machine)
            assertThat(failure).hasMessageContaining("cannot get a database connection");
            assertThat(failure.getMessage()).containsPattern("\\b1[0-9]{3}ms");
            assertThat(assertTimeoutPreemptively(PATIENCE, db::health).reachable()).isFalse();

            proxy.heal();
            await().atMost(Duration.ofMinutes(1)).ignoreExceptionsInstanceOf(StorageException.class)
                    .until(() -> db.users().find(nobody).isEmpty());
        }
    }
}
