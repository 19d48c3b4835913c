package dev.iamkit.jooq;

import dev.iamkit.testkit.TenantIsolationContract;
import dev.iamkit.testkit.IamFixture;

/** The contract with the cache off, so every check, checkAll and view check is a call of a V6 function. */
class InPostgresUncachedTenantIsolationTest extends TenantIsolationContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("isolation_uncached", 0);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
