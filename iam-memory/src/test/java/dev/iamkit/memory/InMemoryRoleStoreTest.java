package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryRoleStoreTest extends RoleStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
