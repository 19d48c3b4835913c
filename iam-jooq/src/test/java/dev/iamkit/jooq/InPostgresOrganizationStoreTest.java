package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.OrganizationStoreContract;

class InPostgresOrganizationStoreTest extends OrganizationStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("organizations");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
