package dev.iamkit.memory;

import dev.iamkit.testkit.*;

class InMemoryMembershipStoreTest extends MembershipStoreContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
