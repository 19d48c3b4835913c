package dev.iamkit.testkit;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers way of {@link PostgresTestDatabase}, in a class of its own: Testcontainers is
 * an optional dependency of the testkit, and this class is loaded only when it is on the class path.
 */
final class TestcontainersPostgres {
    private TestcontainersPostgres() {
    }

    /** True when Testcontainers is on the class path. */
    static boolean present() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestcontainersPostgres.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean dockerAnswers(Map<String, String> env) {
        // Asking Testcontainers costs seconds and logs errors when there is plainly no engine.
        String host = env.get("DOCKER_HOST");
        if ((host == null || host.isBlank()) && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** {jdbc url, user, password} of a started container. */
    static String[] start() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        return new String[] {container.getJdbcUrl(), container.getUsername(), container.getPassword()};
    }
}
