package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.net.URLClassLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host that migrates with the CLI (or its own Flyway) runs the PostgreSQL store with no Flyway
 * on its class path: the store is created, writes and checks in a class loader that has every jar
 * of the tests except Flyway's.
 */
class StoreWithoutFlywayTest {
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static String schema;

    @BeforeAll
    static void migrate() {
        schema = PG.createSchema("iamkit_noflyway");
        IamMigrations.of(TestDataSources.admin(PG), schema, TestDataSources.APP_ROLE).migrate();
        TestDataSources.app(PG);
    }

    @AfterAll
    static void drop() {
        PG.dropSchema(schema);
    }

    @Test
    void theStoreStartsWritesAndChecksWithoutFlyway() throws Throwable {
        try (URLClassLoader noFlyway = IsolatedClassPath.without(e -> e.contains("flyway"))) {
            assertThatThrownBy(() -> Class.forName("org.flywaydb.core.Flyway", false, noFlyway)).isInstanceOf(ClassNotFoundException.class);
            String seen = IsolatedClassPath.runProbe(noFlyway, PG.jdbcUrl(), TestDataSources.APP_LOGIN, TestDataSources.APP_PASSWORD, schema);
            assertThat(seen).isEqualTo("allowed=true flyway=false");
        }
    }
}
