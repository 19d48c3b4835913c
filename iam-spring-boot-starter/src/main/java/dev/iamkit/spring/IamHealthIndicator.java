package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The store's {@link IamDatabase#health()} as Spring Boot 4's health component {@code iamkit}: UP
 * when it is healthy (reachable, schema current, row level security in force), else DOWN with the
 * problem. Answers within {@code iamkit.health-timeout} even when PostgreSQL is down.
 */
public final class IamHealthIndicator implements HealthIndicator {
    private final IamDatabase db;

    public IamHealthIndicator(IamDatabase db) {
        this.db = db;
    }

    @Override
    public Health health() {
        HealthDetails h = HealthDetails.of(db);
        return (h.up() ? Health.up() : Health.down()).withDetails(h.details()).build();
    }
}
