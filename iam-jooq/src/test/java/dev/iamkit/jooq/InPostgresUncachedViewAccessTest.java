package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.ViewAccessContract;

/** The contract with the cache off, so every check, checkAll and view check is a call of a V6 function. */
class InPostgresUncachedViewAccessTest extends ViewAccessContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("viewaccess_uncached", 0);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
