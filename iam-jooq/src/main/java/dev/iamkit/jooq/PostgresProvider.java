package dev.iamkit.jooq;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.spi.IamDatabaseProvider;
import java.time.Clock;
import java.util.Map;

/** Registers the PostgreSQL store as provider {@code postgres}: {@code DATABASE_URL} plus the {@link PostgresIamConfig} settings. */
public final class PostgresProvider implements IamDatabaseProvider {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public IamDatabase open(Map<String, String> settings, Clock clock) {
        String url = settings.get(IamDatabases.DATABASE_URL);
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("the PostgreSQL store needs DATABASE_URL");
        }
        return PostgresIam.connect(url, PostgresIamConfig.fromSettings(settings), clock);
    }
}
