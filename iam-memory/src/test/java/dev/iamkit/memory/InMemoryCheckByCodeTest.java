package dev.iamkit.memory;

import dev.iamkit.testkit.CheckByCodeContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCheckByCodeTest extends CheckByCodeContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
