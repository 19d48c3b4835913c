package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.net.URI;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Properties;

/**
 * Two stores on a fixture's schema, as two processes would hold them, and a {@link OneRoleWorld}
 * written through the second: {@link #a}'s work goes straight to the server while its change
 * listener connects through a {@link TcpProxy} the test can cut ({@link TcpProxy#blackHole()}: a
 * stalled listener, or one partitioned from the server, without an error); {@link #b} is plain.
 */
final class TwoProcesses implements AutoCloseable {
    final TcpProxy proxy;
    final PostgresIam a;
    final PostgresIam b;
    final OneRoleWorld world;
    private final HikariDataSource poolOfA;

    private TwoProcesses(TcpProxy proxy, HikariDataSource poolOfA, PostgresIam a, PostgresIam b, OneRoleWorld world) {
        this.proxy = proxy;
        this.poolOfA = poolOfA;
        this.a = a;
        this.b = b;
        this.world = world;
    }

    /** {@code configOfA} is given the fixture's schema. */
    static TwoProcesses open(PostgresFixture fixture, String poolName, PostgresIamConfig configOfA) throws java.io.IOException {
        PostgresIam b = (PostgresIam) fixture.open(Clock.systemUTC());   // empties the schema's tables
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        URI server = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath();
        Properties login = new Properties();
        login.setProperty("user", TestDataSources.APP_LOGIN);
        login.setProperty("password", TestDataSources.APP_PASSWORD);
        login.setProperty("loginTimeout", "2");
        HikariDataSource pool = TestDataSources.appPool(pg, poolName, 4);
        PostgresIam a = PostgresIam.create(pool, configOfA.withSchema(fixture.schema()), Clock.systemUTC(),
                () -> DriverManager.getConnection(viaProxy, login));
        return new TwoProcesses(proxy, pool, a, b, OneRoleWorld.assigned(b));
    }

    /** Whether store {@link #a} lets the world's user read invoices, at {@code consistency}. */
    boolean aCan(dev.iamkit.authz.Consistency consistency) {
        return a.tenant(world.org()).authz(consistency).check(world.user().id(), world.invoices().id(), "read");
    }

    @Override
    public void close() throws Exception {
        a.close();
        poolOfA.close();
        b.close();
        proxy.close();
    }
}
