package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link IamHealthIndicator} for Spring Boot 3.5, whose health types are those of its actuator. */
final class Boot3HealthIndicator implements HealthIndicator {
    private final IamDatabase db;

    Boot3HealthIndicator(IamDatabase db) {
        this.db = db;
    }

    @Override
    public Health health() {
        HealthDetails h = HealthDetails.of(db);
        return (h.up() ? Health.up() : Health.down()).withDetails(h.details()).build();
    }
}
