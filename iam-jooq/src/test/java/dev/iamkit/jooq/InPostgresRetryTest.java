package dev.iamkit.jooq;

import dev.iamkit.testkit.RetryContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresRetryTest extends RetryContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("retry");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
