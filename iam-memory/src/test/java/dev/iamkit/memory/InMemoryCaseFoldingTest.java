package dev.iamkit.memory;

import dev.iamkit.testkit.CaseFoldingContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCaseFoldingTest extends CaseFoldingContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
