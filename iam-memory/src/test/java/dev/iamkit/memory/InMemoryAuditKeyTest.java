package dev.iamkit.memory;

import dev.iamkit.testkit.AuditKeyContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryAuditKeyTest extends AuditKeyContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
