package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.support.AuditKeys;
import java.time.Clock;

/**
 * How a contract suite gets a store to test. Each call of {@link #open} returns an empty store
 * that shares nothing with stores opened before (a fresh database, schema or map set).
 */
public interface IamFixture {

    IamDatabase open(Clock clock);

    /**
     * Like {@link #open(Clock)}, with the keys that sign and verify the audit chain. A fixture of a
     * store that takes audit keys overrides this; the default refuses, so the audit key contract
     * fails rather than pass without keys.
     */
    default IamDatabase open(Clock clock, AuditKeys auditKeys) {
        throw new ConfigurationException(getClass().getName() + " cannot open a store with audit keys: override IamFixture.open(Clock, AuditKeys)");
    }

    /**
     * Closes {@code db} (opened by this fixture) and opens the same data again with other audit
     * keys, as a restarted process would: for tests of key rotation. The default refuses, as
     * {@link #open(Clock, AuditKeys)} does.
     */
    default IamDatabase reopen(IamDatabase db, Clock clock, AuditKeys auditKeys) {
        throw new ConfigurationException(getClass().getName() + " cannot reopen a store with other audit keys: override IamFixture.reopen");
    }

    /**
     * Like {@link #open(Clock)}, hashing passwords and locking out guesses as {@code passwords}
     * says (tests use cheap Argon2 parameters). The default refuses, as {@link #open(Clock, AuditKeys)} does.
     */
    default IamDatabase open(Clock clock, PasswordPolicy passwords) {
        throw new ConfigurationException(getClass().getName() + " cannot open a store with a password policy: override IamFixture.open(Clock, PasswordPolicy)");
    }

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
