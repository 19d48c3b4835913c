package dev.iamkit.memory;

import dev.iamkit.testkit.HealthContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryHealthTest extends HealthContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
