package dev.iamkit.memory;

import dev.iamkit.testkit.CatalogRoleTemplatesContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCatalogRoleTemplatesTest extends CatalogRoleTemplatesContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
