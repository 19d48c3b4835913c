package dev.iamkit.memory;

import dev.iamkit.testkit.ExplainContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryExplainTest extends ExplainContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
