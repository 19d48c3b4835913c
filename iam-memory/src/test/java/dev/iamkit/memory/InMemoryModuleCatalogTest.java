package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryModuleCatalogTest extends ModuleCatalogContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
