package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryEntitlementStoreTest extends EntitlementStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
