package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.SessionContract;

class InPostgresSessionTest extends SessionContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("sessions");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
