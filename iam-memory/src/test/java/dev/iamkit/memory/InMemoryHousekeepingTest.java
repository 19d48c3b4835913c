package dev.iamkit.memory;

import dev.iamkit.testkit.HousekeepingContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryHousekeepingTest extends HousekeepingContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
