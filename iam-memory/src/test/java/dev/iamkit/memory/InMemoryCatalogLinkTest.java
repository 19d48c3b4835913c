package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryCatalogLinkTest extends CatalogLinkContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
