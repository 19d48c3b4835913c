package dev.iamkit.memory;

import dev.iamkit.testkit.TransactionContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryTransactionTest extends TransactionContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
