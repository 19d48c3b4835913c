package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.SnapshotContract;

class InPostgresSnapshotTest extends SnapshotContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("snapshot");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
