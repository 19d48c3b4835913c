package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryGrantStoreTest extends GrantStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
