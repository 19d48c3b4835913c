package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.OrganizationHierarchyContract;

class InPostgresOrganizationHierarchyTest extends OrganizationHierarchyContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("hierarchy");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
