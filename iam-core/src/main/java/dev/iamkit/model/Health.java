package dev.iamkit.model;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link dev.iamkit.IamDatabase#health()} found: the store's kind, whether it answered and
 * how fast, the schema version it runs on beside the one this library needs, and the pool's
 * figures when the store knows its pool.
 *
 * @param reachable       the store answered a trivial query
 * @param roundTrip       how long that query took (zero for the in-memory store)
 * @param schemaVersion   the schema's applied migration version; empty for the in-memory store or when unreachable
 * @param expectedVersion the version this library needs; empty for the in-memory store
 * @param pool            connection pool figures, when the store's data source is a HikariCP pool
 * @param rowLevelSecurity whether the database's row level security binds the store's login (false
 *                        for a superuser, a role with BYPASSRLS or an owner: then the database does
 *                        not isolate tenants, and the store is not healthy); empty for the in-memory
 *                        store, and when it could not be asked
 * @param problem         why it is not healthy, when it is not
 */
public record Health(String kind, boolean reachable, Duration roundTrip, Optional<String> schemaVersion,
        Optional<String> expectedVersion, Optional<Pool> pool, Optional<Boolean> rowLevelSecurity, Optional<String> problem) {

    public Health {
        Validate.string("kind", kind);
        Validate.notNull("roundTrip", roundTrip);
        Validate.string("schemaVersion", schemaVersion);
        Validate.string("expectedVersion", expectedVersion);
        Validate.notNull("pool", pool);
        Validate.notNull("rowLevelSecurity", rowLevelSecurity);
        // a report of what went wrong must not fail on what it reports: odd characters are replaced, not refused
        problem = Validate.present("problem", problem).map(Validate::printable);
    }

    /**
     * Reachable, nothing wrong, row level security in force where the store has it, and the schema
     * at least at the version the library needs (a schema migrated ahead of a running library, as
     * in a rolling deploy, is fine: the store starts on it too).
     */
    public boolean healthy() {
        return reachable && problem.isEmpty() && schemaCurrent() && !rowLevelSecurity.equals(Optional.of(false));
    }

    private boolean schemaCurrent() {
        if (expectedVersion.isEmpty()) {
            return schemaVersion.isEmpty();
        }
        return schemaVersion.isPresent() && Integer.parseInt(schemaVersion.get()) >= Integer.parseInt(expectedVersion.get());
    }

    /** Connections of the pool: in use, idle, total, and threads waiting for one. */
    public record Pool(int active, int idle, int total, int waiting) {
    }
}
