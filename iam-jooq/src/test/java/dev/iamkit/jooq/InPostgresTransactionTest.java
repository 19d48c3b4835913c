package dev.iamkit.jooq;

import dev.iamkit.testkit.TransactionContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresTransactionTest extends TransactionContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("transactions");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
