package dev.iamkit.memory;

import dev.iamkit.testkit.PersonalDataFixture;
import dev.iamkit.testkit.PersonalDataSnapshotContract;

class InMemoryPersonalDataSnapshotTest extends PersonalDataSnapshotContract {
    private final PersonalDataFixture fixture = new InMemoryPersonalDataFixture();

    @Override
    protected PersonalDataFixture fixture() {
        return fixture;
    }
}
