package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import java.time.Clock;

/**
 * How a contract suite gets a store to test. Each call of {@link #open} returns an empty store
 * that shares nothing with stores opened before (a fresh database, schema or map set).
 */
public interface IamFixture {

    IamDatabase open(Clock clock);

    /** Whether the store has a capability that only some stores have; tests of it are skipped with assumeTrue elsewhere. */
    default boolean supports(Capability capability) {
        return false;
    }

    enum Capability {
        /** Tenant isolation is enforced a second time by the database (PostgreSQL RLS). */
        ROW_LEVEL_SECURITY,
        /** Cache invalidation travels between processes (LISTEN/NOTIFY). */
        CROSS_PROCESS_NOTIFY
    }
}
