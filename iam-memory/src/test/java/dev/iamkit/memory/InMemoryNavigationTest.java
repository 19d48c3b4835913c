package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.NavigationContract;

class InMemoryNavigationTest extends NavigationContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
