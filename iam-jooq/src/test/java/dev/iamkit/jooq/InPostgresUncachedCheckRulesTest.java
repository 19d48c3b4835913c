package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.CheckRulesContract;

/** The contract with the cache off, so every check, checkAll and view check is a call of a V6 function. */
class InPostgresUncachedCheckRulesTest extends CheckRulesContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("checkrules_uncached", 0);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
