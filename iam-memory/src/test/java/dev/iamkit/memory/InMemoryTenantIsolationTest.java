package dev.iamkit.memory;

import dev.iamkit.testkit.TenantIsolationContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryTenantIsolationTest extends TenantIsolationContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
