package dev.iamkit.memory;

import dev.iamkit.testkit.IdempotencyContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryIdempotencyTest extends IdempotencyContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
