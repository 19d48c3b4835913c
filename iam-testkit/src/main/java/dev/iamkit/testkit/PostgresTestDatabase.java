package dev.iamkit.testkit;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.StorageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds the PostgreSQL server that tests use, once per JVM, in this order:
 * <ol>
 *   <li>{@code IAMKIT_TEST_JDBC_URL} (with {@code IAMKIT_TEST_DB_USER} / {@code IAMKIT_TEST_DB_PASSWORD}), as given;</li>
 *   <li>a Testcontainers PostgreSQL, when a Docker engine answers and Testcontainers
 *       ({@code org.testcontainers:testcontainers-postgresql}, an optional dependency of the
 *       testkit: add it to use this way) is on the class path;</li>
 *   <li>{@code localhost:5432} (database {@code postgres}, user {@code IAMKIT_TEST_DB_USER} or {@code postgres}), when a server answers there.</li>
 * </ol>
 * When none is reachable, {@link #get()} throws a {@link ConfigurationException} with instructions: tests that need PostgreSQL
 * fail, they never skip. The user must be able to create schemas and roles (the tests create a
 * login role for the application, so that row level security is in force as in production).
 */
public final class PostgresTestDatabase {
    public static final String URL_VARIABLE = "IAMKIT_TEST_JDBC_URL";
    public static final String USER_VARIABLE = "IAMKIT_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "IAMKIT_TEST_DB_PASSWORD";

    private static PostgresTestDatabase located;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String source;

    private PostgresTestDatabase(String jdbcUrl, String user, String password, String source) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /** The server, located on first use. */
    public static synchronized PostgresTestDatabase get() {
        if (located == null) {
            located = locate(System.getenv(), TestcontainersPostgres.present(), 5432);
        }
        return located;
    }

    /** A server named by its JDBC URL and an administrative user (another than the tests' own: a Citus coordinator, say). */
    public static PostgresTestDatabase at(String jdbcUrl, String user, String password) {
        return new PostgresTestDatabase(jdbcUrl, user, password == null ? "" : password, jdbcUrl);
    }

    /** @param localPort the port of localhost tried last (5432 but in tests of this class) */
    static PostgresTestDatabase locate(Map<String, String> env, boolean withTestcontainers, int localPort) {
        String url = blankToNull(env.get(URL_VARIABLE));
        String user = Optional.ofNullable(blankToNull(env.get(USER_VARIABLE))).orElse("postgres");
        String password = Optional.ofNullable(env.get(PASSWORD_VARIABLE)).orElse("");
        if (url != null) {
            return new PostgresTestDatabase(url, user, password, URL_VARIABLE);
        }
        if (withTestcontainers && TestcontainersPostgres.dockerAnswers(env)) {
            String[] started = TestcontainersPostgres.start();
            return new PostgresTestDatabase(started[0], started[1], started[2], "Testcontainers");
        }
        if (answers("localhost", localPort)) {
            return new PostgresTestDatabase("jdbc:postgresql://localhost:" + localPort + "/postgres", user, password, "localhost:" + localPort);
        }
        throw new ConfigurationException("""
                These tests need PostgreSQL and found none. Provide one of:
                  - IAMKIT_TEST_JDBC_URL=jdbc:postgresql://host:port/db (with IAMKIT_TEST_DB_USER and IAMKIT_TEST_DB_PASSWORD),
                    a user that may create schemas and roles;
                  - a Docker engine, for Testcontainers (%s);
                  - a server on localhost:%d that user 'postgres' (or IAMKIT_TEST_DB_USER) can reach,
                    e.g. `pg_ctlcluster 15 main start`; ./run-tests starts or installs one for you."""
                .formatted(withTestcontainers ? "no engine answered"
                        : "not on the class path: add org.testcontainers:testcontainers-postgresql to your test dependencies", localPort));
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The administrative user: owner of the schemas the tests create. */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Which of the three ways found the server, for test logs. */
    public String source() {
        return source;
    }

    /** A new connection as the administrative user (needs a PostgreSQL JDBC driver on the class path). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Creates a schema with a fresh name starting with {@code prefix}, and returns the name. */
    public String createSchema(String prefix) {
        String name = (prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
        name = name.length() > 63 ? name.substring(name.length() - 63) : name;
        if (!Character.isLetter(name.charAt(0))) {
            name = "t" + name.substring(1);
        }
        execute("CREATE SCHEMA \"" + name + "\"");
        return name;
    }

    public void dropSchema(String name) {
        execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
    }

    /**
     * Makes sure the NOLOGIN role {@code appRole} exists, and a login {@code login} (with
     * {@code password}) that is a member of it and nothing more, so that row level security is in
     * force for it as for an application; both are kept for other tests of the server. Safe when
     * test JVMs (the forks of one module, or modules built side by side) make them at once.
     */
    public synchronized void ensureAppLogin(String appRole, String login, String password) {
        execute("""
                DO $$
                BEGIN
                    BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s NOLOGIN NOBYPASSRLS;
                        END IF;
                    EXCEPTION WHEN unique_violation OR duplicate_object THEN
                        NULL;   -- another test JVM made it meanwhile
                    END;
                    BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%2$s') THEN
                            CREATE ROLE %2$s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '%3$s';
                        END IF;
                    EXCEPTION WHEN unique_violation OR duplicate_object THEN
                        NULL;
                    END;
                    BEGIN
                        GRANT %1$s TO %2$s;
                    EXCEPTION WHEN unique_violation THEN
                        NULL;
                    END;
                END
                $$""".formatted(appRole, login, password));
    }

    /**
     * The properties of a Spring Boot application on iam-spring-boot-starter that uses this
     * server: its DataSource connects as {@code login} (made a member of {@code iamkit_app} only,
     * {@link #ensureAppLogin}), iamkit lives in {@code iamkitSchema}, and iamkit's migrations and
     * the application's Flyway run as the administrative user.
     */
    public Map<String, String> springBootProperties(String login, String password, String iamkitSchema) {
        ensureAppLogin("iamkit_app", login, password);
        return Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", login, "spring.datasource.password", password,
                "iamkit.schema", iamkitSchema, "iamkit.migrations.username", user, "iamkit.migrations.password", this.password,
                "spring.flyway.user", user, "spring.flyway.password", this.password);
    }

    /** Runs one administrative statement. */
    public void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StorageException(StorageException.Kind.REJECTED, e.getSQLState(), "on " + source + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
