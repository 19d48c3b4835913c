package dev.iamkit.jooq;

import dev.iamkit.testkit.TenantIsolationContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresTenantIsolationTest extends TenantIsolationContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("isolation");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
