package dev.iamkit.jooq;

import dev.iamkit.testkit.PersonalDataFixture;
import dev.iamkit.testkit.PersonalDataSnapshotContract;

/** The contract on PostgreSQL; stored rows read as the schema's owner. */
class InPostgresPersonalDataSnapshotTest extends PersonalDataSnapshotContract {
    private static final PostgresPersonalDataFixture FIXTURE = new PostgresPersonalDataFixture("personalsnap");

    @Override
    protected PersonalDataFixture fixture() {
        return FIXTURE;
    }
}
