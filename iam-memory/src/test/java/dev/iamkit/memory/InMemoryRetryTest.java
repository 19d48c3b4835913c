package dev.iamkit.memory;

import dev.iamkit.testkit.RetryContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryRetryTest extends RetryContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
