package dev.iamkit.bench;

import dev.iamkit.error.ConfigurationException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;

/**
 * Where the PostgreSQL benchmarks connect: the server, the application login (a member of the
 * application role only, so row level security is in force as in production) and the schema.
 * The runner hands it to each forked benchmark JVM as system properties.
 */
record BenchTarget(String jdbcUrl, String user, String password, String schema) {
    static final String URL = "iamkit.bench.url";
    static final String USER = "iamkit.bench.user";
    static final String PASSWORD = "iamkit.bench.password";
    static final String SCHEMA = "iamkit.bench.schema";

    /** The target a forked benchmark JVM was started with. */
    static BenchTarget fromSystemProperties() {
        String url = System.getProperty(URL);
        if (url == null) {
            throw new ConfigurationException("the PostgreSQL benchmarks run from BenchRunner, which sets " + URL);
        }
        return new BenchTarget(url, System.getProperty(USER), System.getProperty(PASSWORD, ""), System.getProperty(SCHEMA));
    }

    List<String> jvmArgs() {
        return List.of("-D" + URL + "=" + jdbcUrl, "-D" + USER + "=" + user, "-D" + PASSWORD + "=" + password, "-D" + SCHEMA + "=" + schema);
    }

    /** A HikariCP pool of the application login, as a host app would configure one. */
    HikariDataSource pool(String name, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        hc.setPoolName(name);
        return new HikariDataSource(hc);
    }
}
