package dev.iamkit.memory;

import dev.iamkit.testkit.AuditTrailContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryAuditTrailTest extends AuditTrailContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
