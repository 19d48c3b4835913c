package dev.iamkit.memory;

import dev.iamkit.testkit.AuditQueryContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryAuditQueryTest extends AuditQueryContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
