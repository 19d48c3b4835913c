package dev.iamkit.memory;

import dev.iamkit.testkit.CredentialsContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryCredentialsTest extends CredentialsContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
