package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryFeatureCatalogTest extends FeatureCatalogContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
