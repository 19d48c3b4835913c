package dev.iamkit.memory;

import dev.iamkit.testkit.CacheExactnessContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCacheExactnessTest extends CacheExactnessContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
