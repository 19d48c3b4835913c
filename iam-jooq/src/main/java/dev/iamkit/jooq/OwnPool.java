package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;

/** The HikariCP pool the store builds itself from a database URL ({@link PostgresIam#connect}). */
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
}
