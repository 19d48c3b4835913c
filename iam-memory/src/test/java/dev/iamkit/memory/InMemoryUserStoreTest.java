package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryUserStoreTest extends UserStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
