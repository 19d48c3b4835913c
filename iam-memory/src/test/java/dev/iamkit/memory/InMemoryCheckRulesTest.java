package dev.iamkit.memory;

import dev.iamkit.testkit.CheckRulesContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCheckRulesTest extends CheckRulesContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
