package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.RateLimitContract;

class InMemoryRateLimitTest extends RateLimitContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
