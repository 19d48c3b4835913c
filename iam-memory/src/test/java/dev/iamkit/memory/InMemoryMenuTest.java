package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.MenuContract;

class InMemoryMenuTest extends MenuContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
