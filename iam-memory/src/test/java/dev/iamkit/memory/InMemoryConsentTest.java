package dev.iamkit.memory;

import dev.iamkit.testkit.ConsentContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryConsentTest extends ConsentContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
