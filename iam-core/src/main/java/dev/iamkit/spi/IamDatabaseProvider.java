package dev.iamkit.spi;

import dev.iamkit.IamDatabase;
import java.time.Clock;
import java.util.Map;

/**
 * A store implementation, found with {@link java.util.ServiceLoader}. Register an implementation
 * in {@code META-INF/services/dev.iamkit.spi.IamDatabaseProvider}.
 */
public interface IamDatabaseProvider {

    /** The name {@link dev.iamkit.IamDatabases} selects it by: {@code "memory"} or {@code "postgres"}. */
    String name();

    /**
     * Opens a store.
     *
     * @param settings the configuration (environment variables or their equivalent)
     * @throws dev.iamkit.error.ConfigurationException when the settings are not usable
     */
    IamDatabase open(Map<String, String> settings, Clock clock);
}
