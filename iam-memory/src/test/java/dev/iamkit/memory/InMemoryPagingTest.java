package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryPagingTest extends PagingContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
