package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Plain data sources for tests: the administrative user (owner), and the application's login role. */
final class TestDataSources {
    /** The NOLOGIN role the test schemas grant to; shared by every test schema on the server. */
    static final String APP_ROLE = "iamkit_app";
    /** A login role that is a member of {@link #APP_ROLE} and nothing else. */
    static final String APP_LOGIN = "iamkit_test_app";
    static final String APP_PASSWORD = "iamkit-test";

    private TestDataSources() {
    }

    static DataSource admin(PostgresTestDatabase pg) {
        return of(pg.jdbcUrl(), pg.user(), pg.password());
    }

    /** Creates (once) the login role the store connects as in tests, member of the app role only. */
    static synchronized DataSource app(PostgresTestDatabase pg) {
        pg.ensureAppLogin(APP_ROLE, APP_LOGIN, APP_PASSWORD);
        return of(pg.jdbcUrl(), APP_LOGIN, APP_PASSWORD);
    }

    /** The settings of a HikariCP pool of the application's login role (the login created once), for a test to complete. */
    static HikariConfig appConfig(PostgresTestDatabase pg) {
        app(pg);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(pg.jdbcUrl());
        hc.setUsername(APP_LOGIN);
        hc.setPassword(APP_PASSWORD);
        return hc;
    }

    /** A HikariCP pool of the application's login role. */
    static HikariDataSource appPool(PostgresTestDatabase pg, String name, int size) {
        HikariConfig hc = appConfig(pg);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(Math.min(size, 1));
        hc.setPoolName(name);
        return new HikariDataSource(hc);
    }

    static DataSource of(String url, String user, String password) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public Connection getConnection(String u, String p) throws SQLException {
                return DriverManager.getConnection(url, u, p);
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
