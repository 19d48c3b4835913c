package dev.iamkit.jooq;

import dev.iamkit.testkit.HousekeepingContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresHousekeepingTest extends HousekeepingContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("housekeeping");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
