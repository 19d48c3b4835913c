package dev.iamkit.jooq;

import dev.iamkit.testkit.EntitlementStoreContract;
import dev.iamkit.testkit.IamFixture;

class InPostgresEntitlementStoreTest extends EntitlementStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("entitlements");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
