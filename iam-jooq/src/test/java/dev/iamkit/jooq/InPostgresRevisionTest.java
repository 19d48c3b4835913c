package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.RevisionContract;

class InPostgresRevisionTest extends RevisionContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("revision");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
