package dev.iamkit.memory;

import dev.iamkit.testkit.PersonalDataContract;
import dev.iamkit.testkit.PersonalDataFixture;

class InMemoryPersonalDataTest extends PersonalDataContract {
    private final PersonalDataFixture fixture = new InMemoryPersonalDataFixture();

    @Override
    protected PersonalDataFixture fixture() {
        return fixture;
    }
}
