package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryAssignmentStoreTest extends AssignmentStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
