package dev.iamkit.memory;

import dev.iamkit.testkit.AuditChainContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryAuditChainTest extends AuditChainContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
