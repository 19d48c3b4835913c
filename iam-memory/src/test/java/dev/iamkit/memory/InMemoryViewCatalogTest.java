package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryViewCatalogTest extends ViewCatalogContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
