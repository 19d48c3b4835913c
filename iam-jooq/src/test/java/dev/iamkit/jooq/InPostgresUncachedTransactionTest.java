package dev.iamkit.jooq;

import dev.iamkit.testkit.TransactionContract;
import dev.iamkit.testkit.IamFixture;

/** The contract with the cache off, so every check, checkAll and view check is a call of a V6 function. */
class InPostgresUncachedTransactionTest extends TransactionContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("transactions_uncached", 0);

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
