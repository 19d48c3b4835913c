package dev.iamkit.jooq;

import dev.iamkit.testkit.ConcurrencyContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresConcurrencyTest extends ConcurrencyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("concurrency");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
