package dev.iamkit.memory;

import dev.iamkit.testkit.PrivacyRequestContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryPrivacyRequestTest extends PrivacyRequestContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
