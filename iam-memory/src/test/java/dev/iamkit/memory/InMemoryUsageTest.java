package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.UsageContract;

class InMemoryUsageTest extends UsageContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
