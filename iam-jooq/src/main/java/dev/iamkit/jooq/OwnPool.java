package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.error.StorageException;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The HikariCP pool the store builds itself from a database URL ({@link PostgresIam#connect}),
 * and the change listener's connections, made from a pool's URL where it has one.
 */
final class OwnPool {
    private OwnPool() {
    }

    static HikariConfig config(DatabaseUrl url, PostgresIamConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(hc::setUsername);
        url.password().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(config.maximumPoolSize());
        hc.setPoolName("iamkit");
        failFast(hc, config.connectTimeout());
        return hc;
    }

    /**
     * A call waits at most {@code timeout} for a connection, and making one (TCP connect and
     * login) may take no longer: with the server gone, calls fail within it instead of HikariCP's
     * 30 s. pgjdbc takes whole seconds; a URL's own {@code connectTimeout} or {@code loginTimeout}
     * wins over these. The change listener's connection, made from the pool's URL and properties,
     * gets them too.
     */
    static void failFast(HikariConfig hc, Duration timeout) {
        long millis = timeout.toMillis();
        String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
        hc.setConnectionTimeout(millis);
        hc.setValidationTimeout(Math.min(millis, Duration.ofSeconds(5).toMillis()));
        hc.addDataSourceProperty("connectTimeout", seconds);
        hc.addDataSourceProperty("loginTimeout", seconds);
    }

    /** The pool of {@link PostgresIam#connect}; a failure to make it names its root cause. */
    static HikariDataSource open(DatabaseUrl url, PostgresIamConfig config) {
        try {
            return new HikariDataSource(config(url, config));
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to " + url + ": " + rootMessage(e), e, true);
        }
    }

    /**
     * A HikariCP pool configured by URL lends its URL and credentials to a connection of the
     * listener's own, so listening takes nothing from the pool; any other data source lends one of
     * its connections.
     */
    static ChangeListener.Connector listenerConnector(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null && hikari.getDataSource() == null) {
            String url = hikari.getJdbcUrl();
            Properties props = new Properties();
            props.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                props.setProperty("password", hikari.getPassword());
            }
            return () -> DriverManager.getConnection(url, props);
        }
        return ChangeListener.Connector.of(dataSource);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
