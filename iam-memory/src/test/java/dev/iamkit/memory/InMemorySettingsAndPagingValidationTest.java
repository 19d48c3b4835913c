package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.SettingsAndPagingValidationContract;

class InMemorySettingsAndPagingValidationTest extends SettingsAndPagingValidationContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
