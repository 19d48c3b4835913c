package dev.iamkit.memory;

import dev.iamkit.testkit.PersonalDataChallengeContract;
import dev.iamkit.testkit.PersonalDataFixture;

class InMemoryPersonalDataChallengeTest extends PersonalDataChallengeContract {
    private final PersonalDataFixture fixture = new InMemoryPersonalDataFixture();

    @Override
    protected PersonalDataFixture fixture() {
        return fixture;
    }
}
