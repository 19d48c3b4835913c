package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.net.URI;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Properties;

/**
 * A store on a fixture's schema whose work goes straight to the server while its change listener
 * connects through a {@link TcpProxy} the test can cut ({@link TcpProxy#blackHole()}): a stalled
 * listener, or one partitioned from the server, without an error.
 */
final class ProxiedListenerStore implements AutoCloseable {
    final TcpProxy proxy;
    final HikariDataSource pool;
    final PostgresIam store;

    private ProxiedListenerStore(TcpProxy proxy, HikariDataSource pool, PostgresIam store) {
        this.proxy = proxy;
        this.pool = pool;
        this.store = store;
    }

    /** {@code config} is given the fixture's schema. */
    static ProxiedListenerStore open(PostgresFixture fixture, String poolName, PostgresIamConfig config) throws java.io.IOException {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        URI server = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath();
        Properties login = new Properties();
        login.setProperty("user", TestDataSources.APP_LOGIN);
        login.setProperty("password", TestDataSources.APP_PASSWORD);
        login.setProperty("loginTimeout", "2");
        HikariDataSource pool = TestDataSources.appPool(pg, poolName, 4);
        PostgresIam store = PostgresIam.create(pool, config.withSchema(fixture.schema()), Clock.systemUTC(),
                () -> DriverManager.getConnection(viaProxy, login));
        return new ProxiedListenerStore(proxy, pool, store);
    }

    @Override
    public void close() throws Exception {
        store.close();
        pool.close();
        proxy.close();
    }
}
