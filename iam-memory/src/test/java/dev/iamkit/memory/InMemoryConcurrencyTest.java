package dev.iamkit.memory;

import dev.iamkit.testkit.ConcurrencyContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryConcurrencyTest extends ConcurrencyContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
