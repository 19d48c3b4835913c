package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.AssignmentStoreContract;

class InPostgresAssignmentStoreTest extends AssignmentStoreContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("assignments");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
