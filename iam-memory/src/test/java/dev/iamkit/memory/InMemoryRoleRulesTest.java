package dev.iamkit.memory;

import dev.iamkit.testkit.RoleRulesContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryRoleRulesTest extends RoleRulesContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
