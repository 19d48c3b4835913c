package dev.iamkit.memory;

import dev.iamkit.testkit.ApiKeyContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryApiKeyTest extends ApiKeyContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
