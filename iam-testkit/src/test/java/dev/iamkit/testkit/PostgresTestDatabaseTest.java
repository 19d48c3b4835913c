package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the tests' PostgreSQL is found, with and without Testcontainers on the class path. */
class PostgresTestDatabaseTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theUrlVariableComesFirst() {
        PostgresTestDatabase pg = PostgresTestDatabase.locate(Map.of(PostgresTestDatabase.URL_VARIABLE, "jdbc:postgresql://db:5433/x",
                PostgresTestDatabase.USER_VARIABLE, "owner"), false, 1);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/x");
        assertThat(pg.user()).isEqualTo("owner");
        assertThat(pg.source()).isEqualTo(PostgresTestDatabase.URL_VARIABLE);
    }

    @Test
    void withoutTestcontainersAServerOnLocalhostIsUsed() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            PostgresTestDatabase pg = PostgresTestDatabase.locate(Map.of(), false, server.getLocalPort());
            assertThat(pg.source()).isEqualTo("localhost:" + server.getLocalPort());
        }
    }

    @Test
    void withNeitherDockerNorAServerTheFailureSaysHowToProvideOne() throws IOException {
        int port = freePort();
        assertThatThrownBy(() -> PostgresTestDatabase.locate(Map.of(), false, port)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("found none")
                .hasMessageContaining("IAMKIT_TEST_JDBC_URL")
                .hasMessageContaining("add org.testcontainers:testcontainers-postgresql")
                .hasMessageContaining("localhost:" + port);
    }

    @Test
    void testcontainersIsFoundWhenItIsOnTheClassPath() {
        assertThat(TestcontainersPostgres.present()).as("on the testkit's own class path, as a dependency").isTrue();
    }
}
