package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.TenantScopeContract;

class InPostgresTenantScopeTest extends TenantScopeContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("tenantscope");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
