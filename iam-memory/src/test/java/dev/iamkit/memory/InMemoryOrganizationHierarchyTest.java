package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.OrganizationHierarchyContract;

class InMemoryOrganizationHierarchyTest extends OrganizationHierarchyContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
