package dev.iamkit.memory;

import dev.iamkit.testkit.AuditContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryAuditTest extends AuditContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
