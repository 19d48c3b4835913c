package dev.iamkit.spring;

import dev.iamkit.testkit.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * The test server (found as every iamkit test finds it), a login that is only a member of the
 * application role for the application's DataSource, and fresh schemas dropped when the JVM ends.
 * Spring Flyway properties are set too; a test without the application's Flyway ignores them.
 */
final class TestPostgres {
    static final String LOGIN = "iamkit_spring_test";
    static final String PASSWORD = "iamkit-spring-test";
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static boolean prepared;

    private TestPostgres() {
    }

    static synchronized PostgresTestDatabase pg() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        if (!prepared) {
            prepared = true;
            pg.ensureAppLogin("iamkit_app", LOGIN, PASSWORD);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SCHEMAS.forEach(pg::dropSchema)));
        }
        return pg;
    }

    /** A new empty schema, owned by the administrative user; iamkit's migrations fill it. */
    static synchronized String schema(String prefix) {
        String s = pg().createSchema(prefix);
        SCHEMAS.add(s);
        return s;
    }

    /** The application's DataSource as the application login, iamkit in {@code schema}, migrated as the administrative user. */
    static String[] properties(String schema) {
        return pg().springBootProperties(LOGIN, PASSWORD, schema).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}
