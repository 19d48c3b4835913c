package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryValidationTest extends ValidationContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
