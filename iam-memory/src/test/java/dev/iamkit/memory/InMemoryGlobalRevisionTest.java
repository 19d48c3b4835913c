package dev.iamkit.memory;

import dev.iamkit.testkit.GlobalRevisionContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryGlobalRevisionTest extends GlobalRevisionContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
