package dev.iamkit.memory;

import dev.iamkit.testkit.CatalogApplyContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCatalogApplyTest extends CatalogApplyContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
