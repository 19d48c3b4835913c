package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.UsageContract;

class InPostgresUsageTest extends UsageContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("usage");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
