package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryOrganizationStoreTest extends OrganizationStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
