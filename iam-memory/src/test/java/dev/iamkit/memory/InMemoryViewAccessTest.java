package dev.iamkit.memory;

import dev.iamkit.testkit.ViewAccessContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryViewAccessTest extends ViewAccessContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
