package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryTeamStoreTest extends TeamStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
