package dev.iamkit.spring;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Health;
import java.util.LinkedHashMap;
import java.util.Map;

/** What both Spring Boot health indicators report of {@link IamDatabase#health()}: healthy or not, and why. */
record HealthDetails(boolean up, Map<String, Object> details) {

    static HealthDetails of(IamDatabase db) {
        Health h = db.health();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("store", h.kind());
        d.put("reachable", h.reachable());
        d.put("roundTripMillis", h.roundTrip().toNanos() / 1e6);
        h.schemaVersion().ifPresent(v -> d.put("schemaVersion", v));
        h.expectedVersion().ifPresent(v -> d.put("expectedVersion", v));
        h.rowLevelSecurity().ifPresent(v -> d.put("rowLevelSecurity", v));
        h.pool().ifPresent(p -> d.put("pool", Map.of("active", p.active(), "idle", p.idle(), "total", p.total(), "waiting", p.waiting())));
        h.problem().ifPresent(p -> d.put("problem", p));
        d.put("cacheTrusted", db.accessCache().metrics().trusted());
        return new HealthDetails(h.healthy(), d);
    }
}
